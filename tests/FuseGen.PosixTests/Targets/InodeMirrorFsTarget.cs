using System.IO;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// samples/InodeMirrorFs, the pass-through on the inode API (like libfuse's passthrough_ll), over an empty source
/// directory on the control's filesystem. Its deliberate differences from the control: DEVIATIONS.md.
/// </summary>
public sealed class InodeMirrorFsTarget : MountedTarget
{
    public override string Name => "inodemirrorfs";

    public override TargetTraits Traits { get; } = new()
    {
        CollapseRange = false,
        RenameWhiteout = true,
        FallocatedRangesReadAsHoles = true,
        ExclusiveStatfs = false,
        HidesUnlinkedOpenFiles = true,
        ForeignWritesDropNonExecutableSetgid = false,
    };

    protected override string Sample => "InodeMirrorFs";

    protected override bool UsesSourceDirectory => true;

    /// <summary>The same path in the source directory.</summary>
    public override string? Backing(string path) => Path.Combine(SourceDirectory, Path.GetRelativePath(Root, path));
}
