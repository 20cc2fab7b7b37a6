using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FuseGen.Testing;

namespace FuseGen.PosixTests.Infrastructure;

/// <summary>Runs commands (sh -c, or as another user through setpriv) with a time limit and the C locale.</summary>
internal static class Shell
{
    /// <summary>The unprivileged user the permission tests run as.</summary>
    public const uint User = UnprivilegedUser.Uid;

    /// <summary>Its group.</summary>
    public const uint Group = UnprivilegedUser.Gid;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Runs <paramref name="script"/> with sh in <paramref name="directory"/>.</summary>
    public static CommandResult Run(string script, string directory, TimeSpan? timeout = null) =>
        Execute("/bin/sh", new[] { "-c", script }, directory, timeout ?? DefaultTimeout);

    /// <summary>Runs <paramref name="script"/> as uid/gid 1000 with no supplementary groups and no capabilities.</summary>
    public static CommandResult RunAsUser(string script, string directory) =>
        Execute("setpriv", UnprivilegedUser.SetprivArguments("/bin/sh", new[] { "-c", script }), directory, DefaultTimeout);

    /// <summary>Runs and requires exit status 0.</summary>
    public static string Ok(string script, string directory, TimeSpan? timeout = null)
    {
        var result = Run(script, directory, timeout);
        result.AssertSuccess();
        return result.Output;
    }

    /// <summary>Whether a program is on the PATH.</summary>
    public static bool Has(string program) =>
        Array.Exists((Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'), d => File.Exists(Path.Combine(d, program)));

    public static CommandResult Execute(string program, IEnumerable<string> arguments, string directory, TimeSpan timeout)
    {
        var list = arguments.ToList();
        var environment = new Dictionary<string, string?> { ["LC_ALL"] = "C", ["HOME"] = directory, ["GIT_CONFIG_NOSYSTEM"] = "1" };
        var result = Command.Run(program, timeout, list, directory, environment);
        return result.TimedOut
            ? throw new TimeoutException($"'{program} {string.Join(' ', list)}' took longer than {timeout.TotalSeconds} s in {directory}")
            : new CommandResult(string.Join(' ', list), result.ExitCode, result.StandardOutput, result.StandardError);
    }
}

/// <summary>What a command did.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output, string Error)
{
    public void AssertSuccess()
    {
        if (ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"'{Command}' exited with {ExitCode}\nstdout: {Output}\nstderr: {Error}");
        }
    }

    /// <summary>Requires a failure whose message is the strerror() text of <paramref name="errno"/>.</summary>
    public void AssertFailure(Errno errno)
    {
        var text = errno switch
        {
            Errno.EPERM => "Operation not permitted",
            Errno.EACCES => "Permission denied",
            Errno.ENOENT => "No such file or directory",
            Errno.EEXIST => "File exists",
            _ => throw new ArgumentOutOfRangeException(nameof(errno)),
        };
        if (ExitCode == 0 || !Error.Contains(text, StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"'{Command}' should fail with {errno} ({text}) but exited with {ExitCode}\nstdout: {Output}\nstderr: {Error}");
        }
    }
}
