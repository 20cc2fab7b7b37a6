using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;

namespace FuseGen.Testing;

/// <summary>
/// A sample mounted out of process on a fresh <see cref="TempMountPoint"/> under a <see cref="MountWatchdog"/>:
/// <c>dotnet NAME.dll MOUNTPOINT -f ARGS</c>, returned once the mount exists. Dispose runs the watchdog's cleanup.
/// </summary>
public sealed class MountedSample : IDisposable
{
    private MountedSample(TempMountPoint mountPoint, SampleProcess process, MountWatchdog watchdog)
    {
        MountPoint = mountPoint;
        Process = process;
        Watchdog = watchdog;
    }

    public TempMountPoint MountPoint { get; }

    public SampleProcess Process { get; }

    public MountWatchdog Watchdog { get; }

    /// <summary>The mount point joined with a path inside the filesystem ("hello" or "/hello").</summary>
    public string this[string relative] => System.IO.Path.Combine(MountPoint.Path, relative.TrimStart('/'));

    public static MountedSample Start(string sample, ITestOutputHelper output, params string[] arguments) =>
        Launch(mountPoint => SampleProcess.Start(sample, new[] { mountPoint, "-f" }.Concat(arguments)), output);

    /// <summary>Any filesystem program (a built .dll or a native binary): <c>PROGRAM MOUNTPOINT -f ARGS</c>.</summary>
    public static MountedSample StartProgram(string program, ITestOutputHelper output, params string[] arguments) =>
        Launch(mountPoint => SampleProcess.StartProgram(program, new[] { mountPoint, "-f" }.Concat(arguments)), output);

    /// <summary>
    /// The general form, <c>dotnet NAME.dll LEADING... MOUNTPOINT -f TRAILING...</c>: for programs that take arguments
    /// before the mount point (<c>MirrorFs SOURCE MOUNTPOINT</c>) and tests that need another watchdog timeout.
    /// </summary>
    public static MountedSample Start(string sample, ITestOutputHelper output, IEnumerable<string> leading, IEnumerable<string> trailing, TimeSpan? timeout = null) =>
        Launch(mountPoint => SampleProcess.Start(sample, leading.Concat(new[] { mountPoint, "-f" }).Concat(trailing)), output, timeout);

    private static MountedSample Launch(Func<string, SampleProcess> start, ITestOutputHelper output, TimeSpan? timeout = null)
    {
        var mountPoint = TempMountPoint.Create();
        SampleProcess? process = null;
        MountWatchdog? watchdog = null;
        try
        {
            process = start(mountPoint.Path);
            watchdog = new MountWatchdog(mountPoint, process.Process, timeout, output);
            process.WaitForMount(mountPoint.Path);
            return new MountedSample(mountPoint, process, watchdog);
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
        try
        {
            Watchdog.Dispose();
        }
        finally
        {
            Process.Dispose();
        }
    }
}
