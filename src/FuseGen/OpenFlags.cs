using System;

namespace FuseGen;

/// <summary>
/// The flags of <c>open()</c>, with the same values on every architecture (Linux x86_64's).
/// </summary>
/// <remarks>
/// The kernel encodes <see cref="Direct"/>, <see cref="LargeFile"/>, <see cref="Directory"/> and
/// <see cref="NoFollow"/> differently on arm64; <see cref="FileInfo.Flags"/> converts them, so a test such as
/// <c>(file.Flags &amp; OpenFlags.Direct) != 0</c> is right everywhere. To pass the caller's flags on to
/// <c>open(2)</c>, use <see cref="FileInfo.NativeFlags"/>, which is the kernel's value unchanged. The kernel always
/// sets <see cref="LargeFile"/> on 64-bit systems.
/// </remarks>
[Flags]
public enum OpenFlags
{
    /// <summary><c>O_RDONLY</c>.</summary>
    ReadOnly = 0,

    /// <summary><c>O_WRONLY</c>.</summary>
    WriteOnly = 0x1,

    /// <summary><c>O_RDWR</c>.</summary>
    ReadWrite = 0x2,

    /// <summary><c>O_ACCMODE</c>: mask of the access mode.</summary>
    AccessModeMask = 0x3,

    /// <summary><c>O_CREAT</c>.</summary>
    Create = 0x40,

    /// <summary><c>O_EXCL</c>.</summary>
    Exclusive = 0x80,

    /// <summary><c>O_NOCTTY</c>.</summary>
    NoControllingTerminal = 0x100,

    /// <summary><c>O_TRUNC</c>.</summary>
    Truncate = 0x200,

    /// <summary><c>O_APPEND</c>.</summary>
    Append = 0x400,

    /// <summary><c>O_NONBLOCK</c>.</summary>
    NonBlocking = 0x800,

    /// <summary><c>O_DSYNC</c>.</summary>
    DataSync = 0x1000,

    /// <summary><c>O_DIRECT</c> (0x10000 in the arm64 kernel encoding).</summary>
    Direct = 0x4000,

    /// <summary><c>O_LARGEFILE</c> (0x20000 in the arm64 kernel encoding).</summary>
    LargeFile = 0x8000,

    /// <summary><c>O_DIRECTORY</c> (0x4000 in the arm64 kernel encoding).</summary>
    Directory = 0x10000,

    /// <summary><c>O_NOFOLLOW</c> (0x8000 in the arm64 kernel encoding).</summary>
    NoFollow = 0x20000,

    /// <summary><c>O_NOATIME</c>.</summary>
    NoAccessTime = 0x40000,

    /// <summary><c>O_CLOEXEC</c>.</summary>
    CloseOnExec = 0x80000,

    /// <summary><c>O_SYNC</c>.</summary>
    Sync = 0x101000,
}
