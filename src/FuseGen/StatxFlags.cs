using System;

namespace FuseGen;

/// <summary>The <c>AT_*</c> flags libfuse passes to <see cref="StatxAttribute"/>.</summary>
/// <remarks>
/// The kernel sends none today (its FUSE_STATX asks with flags 0); libfuse adds <see cref="EmptyPath"/> when the
/// file has no path any more (unlinked while open), and then the path argument is empty.
/// </remarks>
[Flags]
public enum StatxFlags
{
    /// <summary>No flag: follow a final symbolic link, synchronise as <c>stat()</c> would.</summary>
    None = 0,

    /// <summary><c>AT_SYMLINK_NOFOLLOW</c>.</summary>
    SymlinkNoFollow = 0x100,

    /// <summary><c>AT_NO_AUTOMOUNT</c>.</summary>
    NoAutomount = 0x800,

    /// <summary><c>AT_EMPTY_PATH</c>: the file is the open file, not the (empty) path.</summary>
    EmptyPath = 0x1000,

    /// <summary><c>AT_STATX_FORCE_SYNC</c>: the caller wants fresh attributes.</summary>
    ForceSync = 0x2000,

    /// <summary><c>AT_STATX_DONT_SYNC</c>: cached attributes will do.</summary>
    DontSync = 0x4000,
}
