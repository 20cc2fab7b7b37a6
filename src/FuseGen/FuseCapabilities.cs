using System;

namespace FuseGen;

/// <summary>
/// Kernel connection capabilities (<c>FUSE_CAP_*</c> of fuse_common.h), for <see cref="FuseConnectionInfo"/>. 64 bits
/// wide like libfuse 3.17's <c>want_ext</c>; the flags above bit 27 exist only in the libfuse versions noted, and a
/// flag the loaded libfuse or kernel does not know is simply never in <see cref="FuseConnectionInfo.Capable"/>.
/// </summary>
[Flags]
public enum FuseCapabilities : ulong
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

    /// <summary>The filesystem clears setuid/setgid itself, with the v2 protocol (libfuse 3.11+).</summary>
    HandleKillPrivV2 = 1u << 21,

    /// <summary>Cache symlink targets.</summary>
    CacheSymlinks = 1u << 23,

    /// <summary>Zero-message opendir.</summary>
    NoOpendirSupport = 1u << 24,

    /// <summary>Only explicit data invalidation.</summary>
    ExplicitInvalData = 1u << 25,

    /// <summary>Expire-only invalidation.</summary>
    ExpireOnly = 1u << 26,

    /// <summary>Extended setxattr arguments (libfuse 3.15+).</summary>
    SetxattrExt = 1u << 27,

    /// <summary>mmap of files opened with direct I/O (libfuse 3.16+).</summary>
    DirectIoAllowMmap = 1u << 28,

    /// <summary>
    /// Reads and writes of a file go straight to a backing file (libfuse 3.17+, kernel 6.9+, CAP_SYS_ADMIN); see
    /// <see cref="FileInfo.PassthroughTo"/>. The kernel does not combine it with <see cref="WritebackCache"/>.
    /// </summary>
    Passthrough = 1u << 29,

    /// <summary>The filesystem refuses lookups of "." and ".." (libfuse 3.17+).</summary>
    NoExportSupport = 1u << 30,

    /// <summary>Requests arrive over io_uring (libfuse 3.18+, <c>-o io_uring</c>).</summary>
    OverIoUring = 1u << 31,

    /// <summary>ID-mapped mounts (libfuse 3.19+).</summary>
    AllowIdmap = 1ul << 32,

    /// <summary>Security contexts with create requests (libfuse 3.19+).</summary>
    SecurityContext = 1ul << 33,
}
