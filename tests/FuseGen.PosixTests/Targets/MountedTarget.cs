using System;
using System.Collections.Generic;
using System.IO;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// A sample filesystem mounted out of process on a temporary mount point:
/// <c>dotnet SAMPLE.dll [SourceArguments] MOUNTPOINT -f -o allow_other</c> (allow_other: the permission tests act as
/// uid 1000). Subclasses name the sample and its traits, and may add arguments before the mount point.
/// </summary>
public abstract class MountedTarget : PosixTarget
{
    private FuseProcess? process;
    private string? mountPoint;

    /// <summary>The project name under samples/ (also its assembly name).</summary>
    protected abstract string Sample { get; }

    /// <summary>Arguments before the mount point, e.g. MirrorFs's SOURCE directory.</summary>
    protected virtual IEnumerable<string> SourceArguments => Array.Empty<string>();

    /// <summary>Longest the mount may stay up, whatever happens.</summary>
    protected virtual TimeSpan Lifetime => TimeSpan.FromMinutes(15);

    /// <summary>Longest a single test may take before the watchdog assumes the filesystem hung.</summary>
    protected virtual TimeSpan IdleLimit => TimeSpan.FromMinutes(3);

    public override void Start()
    {
        if (FuseEnvironment.Problem is { } problem)
        {
            throw new InvalidOperationException($"cannot mount {Sample}: {problem} (FUSEGEN_REQUIRE_MOUNT=1 makes this a failure instead of a skip)");
        }

        mountPoint = Directory.CreateTempSubdirectory($"fusegen-posix-{Name}-").FullName;
        var arguments = new List<string>(SourceArguments) { mountPoint, "-f", "-o", "allow_other" };
        process = FuseProcess.Start(Sample, SampleBuilds.Dll(Sample), arguments, mountPoint, Lifetime, IdleLimit);
        Root = mountPoint;
    }

    protected override void BeforeTest() => process?.Touch();

    protected override void Dispose(bool disposing)
    {
        try
        {
            process?.Dispose(); // throws if anything is left mounted or running
        }
        finally
        {
            process = null;
            if (mountPoint is not null && !MountTable.IsMounted(mountPoint) && Directory.Exists(mountPoint))
            {
                Directory.Delete(mountPoint);
            }
        }
    }
}
