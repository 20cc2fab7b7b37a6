using System;
using System.Collections.Generic;
using System.Linq;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>Runs commands (tools, perl one-liners, other users via setpriv) with a time limit.</summary>
internal static class Shell
{
    /// <summary>The unprivileged caller the tests switch to.</summary>
    public const uint User = UnprivilegedUser.Uid;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static CommandResult Run(string file, IEnumerable<string> arguments, TimeSpan? timeout = null, bool asUser = false, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var result = asUser
            ? Command.Run("setpriv", limit, UnprivilegedUser.SetprivArguments(file, arguments), workingDirectory ?? "/", Variables(environment))
            : Command.Run(file, limit, arguments, workingDirectory ?? "/", Variables(environment));
        return result.TimedOut
            ? throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in {limit}")
            : new CommandResult(result.ExitCode, result.StandardOutput, result.StandardError);
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

    private static Dictionary<string, string?>? Variables(IDictionary<string, string>? environment) =>
        environment?.ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
}

internal readonly record struct CommandResult(int ExitCode, string Output, string Error);
