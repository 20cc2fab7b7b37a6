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

    /// <summary>
    /// An unlinked file that is still open is gone from its directory at once (else it stays there, under libfuse's
    /// <c>.fuse_hidden*</c> name and counted as a link, until its last close).
    /// </summary>
    public bool HidesUnlinkedOpenFiles { get; init; } = true;

    /// <summary>
    /// A write by a user outside the file's group drops setgid even without group execute (else only setgid with
    /// group execute goes, the FUSE kernel module's own rule).
    /// </summary>
    public bool ForeignWritesDropNonExecutableSetgid { get; init; } = true;
}
