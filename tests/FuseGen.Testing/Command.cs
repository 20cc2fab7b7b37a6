using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace FuseGen.Testing;

/// <summary>Runs a short command (cat, df, fusermount3) with a time limit and its output captured.</summary>
public static class Command
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
    {
        public string Summary => TimedOut ? "timed out" : $"exit {ExitCode}{(StandardError.Length > 0 ? ": " + StandardError.Trim() : "")}";
    }

    public static Result Run(string program, TimeSpan timeout, params string[] arguments) => Run(program, timeout, (IEnumerable<string>)arguments);

    public static Result Run(string program, TimeSpan timeout, IEnumerable<string> arguments) => Run(program, timeout, arguments, null, null);

    /// <summary>Runs in <paramref name="workingDirectory"/>; <paramref name="environment"/> adds (or, with null, removes) variables.</summary>
    public static Result Run(string program, TimeSpan timeout, IEnumerable<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Result(-1, Collect(standardOutput), Collect(standardError), TimedOut: true);
        }

        process.WaitForExit();
        return new Result(process.ExitCode, Collect(standardOutput), Collect(standardError), TimedOut: false);
    }

    private static string Collect(Task<string> text) => text.Wait(TimeSpan.FromSeconds(5)) ? text.Result : "";
}
