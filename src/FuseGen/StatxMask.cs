using System;

namespace FuseGen;

/// <summary>
/// The <c>STATX_*</c> bits of <c>&lt;linux/stat.h&gt;</c>: which fields of a <see cref="Statx"/> a caller asks for
/// (<c>mask</c>) and which ones the answer holds (<see cref="Statx.Mask"/>).
/// </summary>
[Flags]
public enum StatxMask : uint
{
    /// <summary>No field.</summary>
    None = 0,

    /// <summary><c>STATX_TYPE</c>: the type bits of <c>stx_mode</c>.</summary>
    Type = 0x1,

    /// <summary><c>STATX_MODE</c>: the permission bits of <c>stx_mode</c>.</summary>
    Mode = 0x2,

    /// <summary><c>STATX_NLINK</c>.</summary>
    Links = 0x4,

    /// <summary><c>STATX_UID</c>.</summary>
    Uid = 0x8,

    /// <summary><c>STATX_GID</c>.</summary>
    Gid = 0x10,

    /// <summary><c>STATX_ATIME</c>.</summary>
    AccessTime = 0x20,

    /// <summary><c>STATX_MTIME</c>.</summary>
    ModificationTime = 0x40,

    /// <summary><c>STATX_CTIME</c>.</summary>
    ChangeTime = 0x80,

    /// <summary><c>STATX_INO</c>.</summary>
    Inode = 0x100,

    /// <summary><c>STATX_SIZE</c>.</summary>
    Size = 0x200,

    /// <summary><c>STATX_BLOCKS</c>.</summary>
    Blocks = 0x400,

    /// <summary><c>STATX_BASIC_STATS</c>: everything <c>struct stat</c> has.</summary>
    BasicStats = 0x7FF,

    /// <summary><c>STATX_BTIME</c>: the creation (birth) time.</summary>
    BirthTime = 0x800,

    /// <summary><c>STATX_MNT_ID</c> (the kernel fills it, never FUSE).</summary>
    MountId = 0x1000,

    /// <summary><c>STATX_DIOALIGN</c>: direct I/O alignment.</summary>
    DirectIoAlignment = 0x2000,
}
