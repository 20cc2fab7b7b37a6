using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace FuseGen.Testing.Native;

/// <summary>Runs <c>fusermount3</c> and its like with a time limit, so a teardown never waits on a stuck helper.</summary>
internal static class ShortCommand
{
    internal sealed record Result(int ExitCode, string StandardError, bool TimedOut)
    {
        public string Summary => TimedOut ? "timed out" : $"exit {ExitCode}{(StandardError.Length > 0 ? ": " + StandardError.Trim() : "")}";
    }

    internal static Result Run(string program, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Result(-1, $"cannot start {program}: {e.Message}", TimedOut: false);
        }

        using (process)
        {
            process.StandardInput.Close();
            _ = process.StandardOutput.ReadToEndAsync();
            var standardError = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new Result(-1, Collect(standardError), TimedOut: true);
            }

            process.WaitForExit();
            return new Result(process.ExitCode, Collect(standardError), TimedOut: false);
        }
    }

    private static string Collect(Task<string> text) => text.Wait(TimeSpan.FromSeconds(5)) ? text.Result : "";
}
