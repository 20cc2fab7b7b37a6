using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;

namespace FuseGen.Testing;

/// <summary>How <see cref="MountedSample"/> runs a filesystem program: <c>PROGRAM BEFORE... MOUNTPOINT -f AFTER...</c>.</summary>
public sealed record SampleLaunch
{
    /// <summary>Arguments before the mount point, such as a pass-through filesystem's SOURCE.</summary>
    public IReadOnlyList<string> Before { get; init; } = Array.Empty<string>();

    /// <summary>Arguments after <c>MOUNTPOINT -f</c>, such as <c>-o allow_other</c>.</summary>
    public IReadOnlyList<string> After { get; init; } = Array.Empty<string>();

    /// <summary>The watchdog's limit (<see cref="MountWatchdog.DefaultTimeout"/> when null); see <see cref="MountWatchdog.Restart"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The prefix of the temporary mount point's name.</summary>
    public string MountPointPrefix { get; init; } = "fusegen-it";

    /// <summary>
    /// Dispose also fails, with the program's output, unless the program exited by itself with status 0 after the
    /// unmount (it crashed, hung or had to be killed).
    /// </summary>
    public bool RequireCleanExit { get; init; }
}

/// <summary>
/// A sample mounted out of process on a fresh <see cref="TempMountPoint"/> under a <see cref="MountWatchdog"/>:
/// <c>dotnet NAME.dll [BEFORE...] MOUNTPOINT -f ARGS</c>, returned once the mount exists. Dispose runs the watchdog's
/// cleanup (and, with <see cref="SampleLaunch.RequireCleanExit"/>, checks the exit).
/// </summary>
public sealed class MountedSample : IDisposable
{
    private readonly bool requireCleanExit;
    private bool disposed;

    private MountedSample(TempMountPoint mountPoint, SampleProcess process, MountWatchdog watchdog, bool requireCleanExit)
    {
        MountPoint = mountPoint;
        Process = process;
        Watchdog = watchdog;
        this.requireCleanExit = requireCleanExit;
    }

    public TempMountPoint MountPoint { get; }

    public SampleProcess Process { get; }

    public MountWatchdog Watchdog { get; }

    /// <summary>The mount point joined with a path inside the filesystem ("hello" or "/hello").</summary>
    public string this[string relative] => System.IO.Path.Combine(MountPoint.Path, relative.TrimStart('/'));

    public static MountedSample Start(string sample, ITestOutputHelper output, params string[] arguments) =>
        Start(sample, new SampleLaunch { After = arguments }, output);

    /// <summary>Runs samples/<paramref name="sample"/>'s build as <paramref name="launch"/> says.</summary>
    public static MountedSample Start(string sample, SampleLaunch launch, ITestOutputHelper? output = null) =>
        StartProgram(SampleLocator.Find(sample), launch, output);

    /// <summary>Any filesystem program (a built .dll or a native binary): <c>PROGRAM MOUNTPOINT -f ARGS</c>.</summary>
    public static MountedSample StartProgram(string program, ITestOutputHelper output, params string[] arguments) =>
        StartProgram(program, new SampleLaunch { After = arguments }, output);

    /// <summary>
    /// <c>dotnet NAME.dll LEADING... MOUNTPOINT -f TRAILING...</c>, with another watchdog timeout when given.
    /// </summary>
    public static MountedSample Start(string sample, ITestOutputHelper output, IEnumerable<string> leading, IEnumerable<string> trailing, TimeSpan? timeout = null) =>
        Start(sample, new SampleLaunch { Before = leading.ToArray(), After = trailing.ToArray(), Timeout = timeout }, output);

    /// <summary>Any filesystem program (a built .dll or a native binary), run as <paramref name="launch"/> says.</summary>
    public static MountedSample StartProgram(string program, SampleLaunch launch, ITestOutputHelper? output = null)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var mountPoint = TempMountPoint.Create(launch.MountPointPrefix);
        SampleProcess? process = null;
        MountWatchdog? watchdog = null;
        try
        {
            process = SampleProcess.StartProgram(program, launch.Before.Concat(new[] { mountPoint.Path, "-f" }).Concat(launch.After));
            watchdog = new MountWatchdog(mountPoint, process.Process, launch.Timeout, output is null ? null : output.WriteLine);
            process.WaitForMount(mountPoint.Path);
            return new MountedSample(mountPoint, process, watchdog, launch.RequireCleanExit);
        }
        catch
        {
            watchdog?.Dispose();
            process?.Dispose();
            mountPoint.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            Watchdog.Dispose();
            if (requireCleanExit)
            {
                var exited = Process.WaitForExit(TimeSpan.FromSeconds(10));
                if (Watchdog.KilledProcess || !exited || Process.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"the filesystem of {MountPoint.Path} did not exit cleanly after the unmount " +
                        $"({(Watchdog.KilledProcess ? "it had to be killed" : exited ? $"exit code {Process.ExitCode}" : "still running")}). {Process.Describe()}");
                }
            }
        }
        finally
        {
            Process.Dispose();
        }
    }
}
