namespace FuseGen.PosixTests.Targets;

/// <summary>
/// samples/InodeMemFs, MemFs on the inode API: the same filesystem logic, so the same traits as
/// <see cref="MemFsTarget"/> (DEVIATIONS.md).
/// </summary>
public sealed class InodeMemFsTarget : MountedTarget
{
    public override string Name => "inodememfs";

    public override TargetTraits Traits { get; } = new()
    {
        CollapseRange = false,
        RenameWhiteout = false,
        FallocatedRangesReadAsHoles = false,
        ExclusiveStatfs = true,
    };

    protected override string Sample => "InodeMemFs";
}
