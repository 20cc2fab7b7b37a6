namespace FuseGen.PosixTests.Targets;

/// <summary>samples/MemFs, the in-memory filesystem. Its deliberate differences from the control: DEVIATIONS.md.</summary>
public sealed class MemFsTarget : MountedTarget
{
    public override string Name => "memfs";

    public override TargetTraits Traits { get; } = new()
    {
        CollapseRange = false,
        RenameWhiteout = false,
        FallocatedRangesReadAsHoles = false,
        ExclusiveStatfs = true,
    };

    protected override string Sample => "MemFs";
}
