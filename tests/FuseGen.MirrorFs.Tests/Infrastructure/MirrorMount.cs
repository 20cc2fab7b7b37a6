using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>
/// One out-of-process mount: <c>dotnet MirrorFs.dll ROOT/src ROOT/mnt -f -o allow_other</c>, bounded by a watchdog.
/// </summary>
/// <remarks>
/// <para>Readiness and teardown are judged from /proc/self/mountinfo only: a hung mount is never stat'ed.</para>
/// <para>When the watchdog fires (a test hung on the mount), it unmounts with <c>fusermount3 -u</c>, then lazily with
/// <c>-uz</c>, and kills the daemon: system calls stuck on the mount then fail, so the test fails instead of hanging.
/// Dispose unmounts the same way and verifies that nothing is left mounted and the daemon is gone.</para>
/// </remarks>
public sealed class MirrorMount : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly Timer watchdog;
    private int stopped;

    private MirrorMount(string root, IReadOnlyList<string> options, TimeSpan limit)
    {
        Root = root;
        Source = Path.Combine(root, "src");
        MountPoint = Path.Combine(root, "mnt");
        Directory.CreateDirectory(Source);
        Directory.CreateDirectory(MountPoint);

        // Other users (setpriv) must be able to reach the mount point.
        File.SetUnixFileMode(root, (UnixFileMode)0x1ED);
        File.SetUnixFileMode(Source, (UnixFileMode)0x1ED);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { MountEnvironment.MirrorFsAssembly, Source, MountPoint, "-f", "-o", "allow_other" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("cannot start MirrorFs");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        watchdog = new Timer(_ => Expire(), null, limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Directory holding src/ and mnt/ (and room for the tests' own scratch files).</summary>
    public string Root { get; }

    /// <summary>The mirrored directory.</summary>
    public string Source { get; }

    public string MountPoint { get; }

    /// <summary>The daemon's pid.</summary>
    public int DaemonPid => process.Id;

    /// <summary>True once the watchdog has fired.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>What the daemon printed.</summary>
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

    /// <summary>Mounts a fresh, empty source; fails with the daemon's output when it does not come up.</summary>
    public static MirrorMount Start(string name, TimeSpan? limit = null, params string[] options)
    {
        if (MountEnvironment.Problem is { } problem)
        {
            throw new InvalidOperationException("cannot mount here: " + problem);
        }

        var root = Directory.CreateTempSubdirectory("fusegen-mirror-" + name + "-").FullName;
        var mount = new MirrorMount(root, options, limit ?? TimeSpan.FromSeconds(150));
        var clock = Stopwatch.StartNew();
        while (MountTable.TypeAt(mount.MountPoint) != "fuse.mirrorfs")
        {
            if (mount.process.HasExited || clock.Elapsed > StartTimeout)
            {
                var output = mount.Output;
                mount.Dispose();
                throw new InvalidOperationException($"MirrorFs did not mount at {mount.MountPoint}: {output}");
            }

            Thread.Sleep(20);
        }

        return mount;
    }

    /// <summary>A path through the mount.</summary>
    public string At(string relative) => Path.Combine(MountPoint, relative);

    /// <summary>The same path in the source.</summary>
    public string InSource(string relative) => Path.Combine(Source, relative);

    /// <summary>Number of descriptors the daemon has open (its /proc/PID/fd).</summary>
    public int DaemonDescriptors() => Directory.GetFileSystemEntries($"/proc/{process.Id}/fd").Length;

    public void Dispose()
    {
        watchdog.Dispose();
        Stop(StopTimeout);
        try
        {
            if (MountTable.IsMounted(MountPoint))
            {
                throw new InvalidOperationException($"{MountPoint} is still mounted after the test");
            }

            if (!process.HasExited)
            {
                throw new InvalidOperationException($"MirrorFs (pid {process.Id}) is still running after the test");
            }

            if (process.ExitCode != 0 && !TimedOut)
            {
                throw new InvalidOperationException($"MirrorFs exited with {process.ExitCode}: {Output}");
            }
        }
        finally
        {
            process.Dispose();
            if (!MountTable.IsMounted(MountPoint))
            {
                Shell.Run("rm", "-rf", "--one-file-system", Root);
            }
        }
    }

    private void Expire()
    {
        TimedOut = true;
        Log("watchdog: the test did not finish in time; unmounting and killing MirrorFs");
        Stop(TimeSpan.FromSeconds(1));
    }

    /// <summary>Unmounts (-u, then -uz) and waits up to <paramref name="exitWait"/> for the daemon before killing it.</summary>
    private void Stop(TimeSpan exitWait)
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            process.WaitForExit(StopTimeout);
            return;
        }

        if (MountTable.IsMounted(MountPoint))
        {
            Unmount("-u");
            if (MountTable.IsMounted(MountPoint))
            {
                Unmount("-uz");
            }
        }

        if (!process.WaitForExit(exitWait))
        {
            Log("MirrorFs did not exit after the unmount; killing it");
            process.Kill(entireProcessTree: true);
            process.WaitForExit(StopTimeout);
        }

        process.WaitForExit();
    }

    private void Unmount(string option)
    {
        try
        {
            var result = Shell.Run("fusermount3", new[] { option, MountPoint }, StopTimeout);
            if (result.ExitCode != 0)
            {
                Log($"fusermount3 {option}: {result.Error.Trim()}");
            }
        }
        catch (TimeoutException e)
        {
            Log(e.Message);
        }
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
