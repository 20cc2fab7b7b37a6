using System;

namespace FuseGen;

/// <summary>Kernel connection capabilities (<c>FUSE_CAP_*</c> of fuse_common.h), for <see cref="FuseConnectionInfo"/>.</summary>
[Flags]
public enum FuseCapabilities : uint
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Asynchronous read requests.</summary>
    AsyncRead = 1u << 0,

    /// <summary>Remote POSIX file locking.</summary>
    PosixLocks = 1u << 1,

    /// <summary>O_TRUNC handled in open.</summary>
    AtomicOTrunc = 1u << 3,

    /// <summary>Lookups of "." and "..".</summary>
    ExportSupport = 1u << 4,

    /// <summary>The filesystem applies the umask itself.</summary>
    DontMask = 1u << 6,

    /// <summary>splice to the device on read.</summary>
    SpliceWrite = 1u << 7,

    /// <summary>Move pages with splice.</summary>
    SpliceMove = 1u << 8,

    /// <summary>splice from the device on write.</summary>
    SpliceRead = 1u << 9,

    /// <summary>Remote flock locking.</summary>
    FlockLocks = 1u << 10,

    /// <summary>ioctl on directories.</summary>
    IoctlDir = 1u << 11,

    /// <summary>Invalidate cached data when mtime or size change.</summary>
    AutoInvalData = 1u << 12,

    /// <summary>readdirplus.</summary>
    ReaddirPlus = 1u << 13,

    /// <summary>Adaptive readdirplus.</summary>
    ReaddirPlusAuto = 1u << 14,

    /// <summary>Asynchronous direct I/O.</summary>
    AsyncDio = 1u << 15,

    /// <summary>Write-back caching.</summary>
    WritebackCache = 1u << 16,

    /// <summary>Zero-message opens.</summary>
    NoOpenSupport = 1u << 17,

    /// <summary>Parallel lookups and readdir in one directory.</summary>
    ParallelDirOps = 1u << 18,

    /// <summary>POSIX ACLs.</summary>
    PosixAcl = 1u << 19,

    /// <summary>The filesystem clears setuid/setgid itself.</summary>
    HandleKillPriv = 1u << 20,

    /// <summary>Cache symlink targets.</summary>
    CacheSymlinks = 1u << 23,

    /// <summary>Zero-message opendir.</summary>
    NoOpendirSupport = 1u << 24,

    /// <summary>Only explicit data invalidation.</summary>
    ExplicitInvalData = 1u << 25,

    /// <summary>Expire-only invalidation.</summary>
    ExpireOnly = 1u << 26,
}
