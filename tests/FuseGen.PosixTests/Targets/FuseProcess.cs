using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using FuseGen.PosixTests.Infrastructure;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// A FUSE filesystem running in its own process (<c>dotnet SAMPLE.dll ARGS MOUNTPOINT -f ...</c>), bounded by a
/// watchdog.
/// </summary>
/// <remarks>
/// <para>The watchdog fires when the mount outlives its absolute limit, or when no test touched it for the idle
/// limit (a request that never returns): it unmounts with <c>fusermount3 -u</c>, then <c>-uz</c>, and kills the
/// process, so a hung filesystem turns into failing tests instead of a hung run.</para>
/// <para><see cref="Dispose"/> always unmounts the same way and then verifies, from /proc/self/mountinfo (the mount
/// point itself is never stat'ed), that nothing is left mounted and the process is gone.</para>
/// </remarks>
internal sealed class FuseProcess : IDisposable
{
    private static readonly TimeSpan MountTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly DateTime absoluteDeadline;
    private readonly TimeSpan idleLimit;
    private readonly Timer watchdog;
    private readonly object gate = new();
    private DateTime idleDeadline;
    private string? watchdogReport;
    private bool stopped;

    private FuseProcess(string name, string mountPoint, Process process, TimeSpan lifetime, TimeSpan idleLimit)
    {
        Name = name;
        MountPoint = mountPoint;
        this.process = process;
        this.idleLimit = idleLimit;
        absoluteDeadline = DateTime.UtcNow + lifetime;
        idleDeadline = DateTime.UtcNow + idleLimit;
        watchdog = new Timer(_ => Watch(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public string Name { get; }

    public string MountPoint { get; }

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c> and returns once
    /// <paramref name="mountPoint"/> appears in the mount table; throws with the process's output if it does not.
    /// </summary>
    public static FuseProcess Start(string name, string dll, IEnumerable<string> arguments, string mountPoint, TimeSpan lifetime, TimeSpan idleLimit)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet " + dll);
        var fuse = new FuseProcess(name, mountPoint, process, lifetime, idleLimit);
        process.OutputDataReceived += (_, e) => fuse.Log(e.Data);
        process.ErrorDataReceived += (_, e) => fuse.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        fuse.Log($"$ dotnet {string.Join(' ', start.ArgumentList)}");

        var stopwatch = Stopwatch.StartNew();
        while (!MountTable.IsMounted(mountPoint))
        {
            if (process.HasExited || stopwatch.Elapsed > MountTimeout)
            {
                var why = process.HasExited ? $"exited with {process.ExitCode}" : $"did not mount within {MountTimeout.TotalSeconds} s";
                fuse.Stop();
                throw new InvalidOperationException($"{name} {why} (mount point {mountPoint}). Its output:\n{fuse.Output}");
            }

            Thread.Sleep(50);
        }

        return fuse;
    }

    /// <summary>Everything the process printed, with what the watchdog and the unmount did.</summary>
    public string Output
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>A test is starting: re-arms the idle limit, and fails fast if the filesystem is already gone.</summary>
    public void Touch()
    {
        lock (gate)
        {
            if (stopped || process.HasExited)
            {
                throw new InvalidOperationException($"{Name} is not running any more ({watchdogReport ?? "its process exited"}). Its output:\n{Output}");
            }

            idleDeadline = DateTime.UtcNow + idleLimit;
        }
    }

    /// <summary>Unmounts, stops the process and verifies both; throws if anything is left behind or it crashed.</summary>
    public void Dispose()
    {
        watchdog.Dispose();
        var clean = Stop();
        var mounted = MountTable.IsMounted(MountPoint);
        var running = !process.HasExited;
        if (mounted || running)
        {
            throw new InvalidOperationException($"{Name}: after unmounting, {(mounted ? MountPoint + " is still mounted" : "")}{(mounted && running ? " and " : "")}{(running ? $"process {process.Id} is still running" : "")}. Output:\n{Output}");
        }

        if (watchdogReport is not null)
        {
            throw new InvalidOperationException($"{Name}: {watchdogReport}. Output:\n{Output}");
        }

        if (!clean || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name} did not stop cleanly after fusermount3 -u (exit code {process.ExitCode}). Output:\n{Output}");
        }

        process.Dispose();
    }

    private void Watch()
    {
        string? reason = null;
        lock (gate)
        {
            var now = DateTime.UtcNow;
            if (stopped)
            {
                return;
            }

            if (now > absoluteDeadline)
            {
                reason = "the watchdog unmounted it: it stayed mounted past its time limit";
            }
            else if (now > idleDeadline)
            {
                reason = $"the watchdog unmounted it: no test started for {idleLimit.TotalSeconds} s (a request that never returned?)";
            }
            else if (process.HasExited)
            {
                reason = $"its process exited with {process.ExitCode} while mounted";
            }

            if (reason is null)
            {
                return;
            }

            watchdogReport = reason;
        }

        Log("watchdog: " + reason);
        Stop();
    }

    /// <summary>fusermount3 -u; if the process does not exit, -uz; then kill. True when the first unmount sufficed.</summary>
    private bool Stop()
    {
        lock (gate)
        {
            if (stopped)
            {
                return watchdogReport is null;
            }

            stopped = true;
        }

        var clean = true;
        if (MountTable.IsMounted(MountPoint))
        {
            clean = Unmount("-u");
        }

        if (!process.WaitForExit(ExitTimeout))
        {
            clean = false;
            if (MountTable.IsMounted(MountPoint))
            {
                Unmount("-uz");
            }

            if (!process.WaitForExit(ExitTimeout))
            {
                Log("killing the process");
                process.Kill(entireProcessTree: true);
                process.WaitForExit(ExitTimeout);
            }
        }

        if (MountTable.IsMounted(MountPoint))
        {
            clean = false;
            Unmount("-uz");
        }

        process.WaitForExit(ExitTimeout); // let the output readers finish
        return clean;
    }

    private bool Unmount(string option)
    {
        try
        {
            var result = Shell.Execute("fusermount3", new[] { option, MountPoint }, "/", CommandTimeout);
            Log($"$ fusermount3 {option} {MountPoint}: exit {result.ExitCode} {result.Error.Trim()}");
            return result.ExitCode == 0;
        }
        catch (TimeoutException e)
        {
            Log(e.Message);
            return false;
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
