using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>Runs commands (tools, perl one-liners, other users via setpriv) with a time limit.</summary>
internal static class Shell
{
    /// <summary>The unprivileged caller the tests switch to.</summary>
    public const uint User = 1000;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static CommandResult Run(string file, IEnumerable<string> arguments, TimeSpan? timeout = null, bool asUser = false, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(asUser ? "setpriv" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        if (asUser)
        {
            foreach (var option in new[] { $"--reuid={User}", $"--regid={User}", "--clear-groups", file })
            {
                start.ArgumentList.Add(option);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in {timeout ?? DefaultTimeout}");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString(), error.ToString());
    }

    public static CommandResult Run(string file, params string[] arguments) => Run(file, (IEnumerable<string>)arguments);

    /// <summary>Runs <c>sh -c script</c>, failing the test when it exits non-zero.</summary>
    public static string Sh(string script, bool asUser = false, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var result = Run("sh", new[] { "-c", "set -e; " + script }, timeout, asUser, workingDirectory);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"sh -c '{script}' exited {result.ExitCode}: {result.Error}{result.Output}");
    }

    /// <summary>
    /// Runs a perl program in another process; by convention it exits with an errno (0: success), so the errno a
    /// separate caller gets through the kernel is observed exactly.
    /// </summary>
    public static int Perl(string program, bool asUser = false, params string[] arguments)
    {
        var all = new List<string> { "-e", "use strict; use warnings; use Fcntl; use POSIX; " + program };
        all.AddRange(arguments);
        return Run("perl", all, asUser: asUser).ExitCode;
    }
}

internal readonly record struct CommandResult(int ExitCode, string Output, string Error);
