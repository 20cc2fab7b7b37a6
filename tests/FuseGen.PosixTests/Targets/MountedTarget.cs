using System;
using System.Collections.Generic;
using System.IO;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// A sample filesystem mounted out of process on a temporary mount point:
/// <c>dotnet SAMPLE.dll [SOURCE] MOUNTPOINT -f -o allow_other</c> (allow_other: the permission tests act as uid
/// 1000). Subclasses name the sample and its traits; a pass-through sample asks for a SOURCE directory, which is
/// created empty before the mount and deleted after it.
/// </summary>
/// <example>
/// MirrorFs would be:
/// <code>
/// public sealed class MirrorFsTarget : MountedTarget
/// {
///     public override string Name => "mirrorfs";
///     public override TargetTraits Traits { get; } = new() { CollapseRange = false, ... };
///     protected override string Sample => "MirrorFs";
///     protected override bool UsesSourceDirectory => true;
/// }
/// </code>
/// plus its line in <see cref="TargetCatalog"/> and a ProjectReference to samples/MirrorFs.
/// </example>
public abstract class MountedTarget : PosixTarget
{
    private FuseProcess? process;
    private string? mountPoint;
    private string? source;

    /// <summary>The project name under samples/ (also its assembly name).</summary>
    protected abstract string Sample { get; }

    /// <summary>Whether the sample takes a SOURCE directory before the mount point (pass-through filesystems).</summary>
    protected virtual bool UsesSourceDirectory => false;

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

        var arguments = new List<string>();
        if (UsesSourceDirectory)
        {
            source = Directory.CreateTempSubdirectory($"fusegen-posix-{Name}-source-").FullName;
            arguments.Add(source);
        }

        mountPoint = Directory.CreateTempSubdirectory($"fusegen-posix-{Name}-").FullName;
        arguments.AddRange(new[] { mountPoint, "-f", "-o", "allow_other" });
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
            if (mountPoint is not null && !MountTable.IsMounted(mountPoint))
            {
                if (Directory.Exists(mountPoint))
                {
                    Directory.Delete(mountPoint);
                }

                if (source is not null && Directory.Exists(source))
                {
                    Directory.Delete(source, recursive: true);
                }
            }
        }
    }
}
