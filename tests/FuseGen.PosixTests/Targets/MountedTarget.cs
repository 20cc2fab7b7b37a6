using System;
using FuseGen.Testing;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// A sample filesystem mounted out of process on a temporary mount point (a <see cref="MountedSample"/>):
/// <c>dotnet SAMPLE.dll [SOURCE] MOUNTPOINT -f -o allow_other</c> (allow_other: the permission tests act as uid
/// 1000). Subclasses name the sample and its traits; a pass-through sample asks for a SOURCE directory, which is
/// created empty before the mount and deleted after it.
/// </summary>
/// <remarks>
/// The mount lives for the whole run; its watchdog bounds each test (restarted as each test starts), so a request
/// that never returns fails that test and the rest instead of hanging the run. Disposing unmounts and fails unless
/// the mount is gone and the process exited by itself with 0.
/// </remarks>
public abstract class MountedTarget : PosixTarget
{
    private MountedSample? sample;
    private TempDirectory? source;

    /// <summary>The project name under samples/ (also its assembly name).</summary>
    protected abstract string Sample { get; }

    /// <summary>Whether the sample takes a SOURCE directory before the mount point (pass-through filesystems).</summary>
    protected virtual bool UsesSourceDirectory => false;

    /// <summary>Longest a single test may take before the watchdog assumes the filesystem hung.</summary>
    protected virtual TimeSpan TestLimit => TimeSpan.FromMinutes(3);

    /// <summary>The SOURCE directory of a pass-through sample (empty for others).</summary>
    protected string SourceDirectory => source?.Path ?? "";

    public override void Start()
    {
        FuseAvailability.ThrowIfUnavailable(asRoot: true);
        if (UsesSourceDirectory)
        {
            source = new TempDirectory($"fusegen-posix-{Name}-source");
        }

        sample = MountedSample.Start(Sample, new SampleLaunch
        {
            Before = source is null ? Array.Empty<string>() : new[] { source.Path },
            After = new[] { "-o", "allow_other" },
            Timeout = TestLimit,
            MountPointPrefix = $"fusegen-posix-{Name}",
            RequireCleanExit = true,
        });
        Root = sample.MountPoint.Path;
    }

    protected override void BeforeTest() => sample?.Watchdog.Restart();

    protected override void Dispose(bool disposing)
    {
        try
        {
            sample?.Dispose(); // throws if anything is left mounted or running, or the process did not exit cleanly
        }
        finally
        {
            sample = null;
            source?.Dispose();
        }
    }
}
