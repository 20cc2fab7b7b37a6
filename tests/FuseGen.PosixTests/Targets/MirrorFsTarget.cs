using System.IO;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// samples/MirrorFs, the pass-through, over an empty source directory on the control's filesystem. Its deliberate
/// differences from the control: DEVIATIONS.md.
/// </summary>
public sealed class MirrorFsTarget : MountedTarget
{
    public override string Name => "mirrorfs";

    public override TargetTraits Traits { get; } = new()
    {
        CollapseRange = false,
        RenameWhiteout = true,
        FallocatedRangesReadAsHoles = true,
        ExclusiveStatfs = false,
        HidesUnlinkedOpenFiles = false,
        ForeignWritesDropNonExecutableSetgid = false,
    };

    protected override string Sample => "MirrorFs";

    protected override bool UsesSourceDirectory => true;

    /// <summary>The same path in the source directory.</summary>
    public override string? Backing(string path) => Path.Combine(SourceDirectory, Path.GetRelativePath(Root, path));
}
