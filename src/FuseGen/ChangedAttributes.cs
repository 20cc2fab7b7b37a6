using System;

namespace FuseGen;

/// <summary>
/// Which attributes a <see cref="SetattrAttribute"/> request changes: libfuse's <c>FUSE_SET_ATTR_*</c> bits of
/// <c>to_set</c>, the same values.
/// </summary>
[Flags]
public enum ChangedAttributes
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><c>FUSE_SET_ATTR_MODE</c>: chmod.</summary>
    Mode = 1 << 0,

    /// <summary><c>FUSE_SET_ATTR_UID</c>: chown of the owner.</summary>
    Uid = 1 << 1,

    /// <summary><c>FUSE_SET_ATTR_GID</c>: chown of the group.</summary>
    Gid = 1 << 2,

    /// <summary><c>FUSE_SET_ATTR_SIZE</c>: truncate (shorter or longer).</summary>
    Size = 1 << 3,

    /// <summary><c>FUSE_SET_ATTR_ATIME</c>: the access time changes (to the given time unless <see cref="AccessTimeNow"/>).</summary>
    AccessTime = 1 << 4,

    /// <summary><c>FUSE_SET_ATTR_MTIME</c>: the modification time changes (to the given time unless <see cref="ModificationTimeNow"/>).</summary>
    ModificationTime = 1 << 5,

    /// <summary><c>FUSE_SET_ATTR_ATIME_NOW</c>: the access time becomes the current time (utimensat with UTIME_NOW).</summary>
    AccessTimeNow = 1 << 7,

    /// <summary><c>FUSE_SET_ATTR_MTIME_NOW</c>: the modification time becomes the current time.</summary>
    ModificationTimeNow = 1 << 8,

    /// <summary><c>FUSE_SET_ATTR_CTIME</c>: the change time is given (sent with writeback caching).</summary>
    ChangeTime = 1 << 10,

    /// <summary><c>FUSE_SET_ATTR_KILL_SUID</c>: clear the set-user-ID bit (handle_killpriv_v2).</summary>
    KillSuid = 1 << 11,

    /// <summary><c>FUSE_SET_ATTR_KILL_SGID</c>: clear the set-group-ID bit (handle_killpriv_v2).</summary>
    KillSgid = 1 << 12,
}
