namespace FuseGen.PosixTests.Targets;

/// <summary>
/// Where a target may legitimately differ from another: features a filesystem may or may not have. Every such
/// difference of a sample is deliberate and listed in DEVIATIONS.md; tests assert the declared behaviour.
/// </summary>
public sealed record TargetTraits
{
    /// <summary>fallocate FALLOC_FL_COLLAPSE_RANGE / INSERT_RANGE work (else EOPNOTSUPP).</summary>
    public bool CollapseRange { get; init; }

    /// <summary>renameat2 RENAME_WHITEOUT works (else EINVAL).</summary>
    public bool RenameWhiteout { get; init; }

    /// <summary>SEEK_DATA skips ranges that fallocate reserved but nothing wrote (ext4's unwritten extents).</summary>
    public bool FallocatedRangesReadAsHoles { get; init; }

    /// <summary>statfs counts only what this target's tests do (an exclusive filesystem, not a shared disk).</summary>
    public bool ExclusiveStatfs { get; init; }
}
