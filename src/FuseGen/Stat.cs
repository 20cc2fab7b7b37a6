using System.IO;
using System.Runtime.CompilerServices;

namespace FuseGen;

/// <summary>
/// File attributes, the portable form of <c>struct stat</c>. FuseGen writes it into the architecture's native
/// layout after the operation returns.
/// </summary>
/// <remarks>
/// <see cref="Blocks"/> follows <see cref="Size"/> (512-byte units, rounded up) until you set it, so tools like
/// <c>du</c> see sensible figures; set it yourself for sparse files. Owner and times are whatever you set
/// (zero: root, 1970).
/// </remarks>
public struct Stat
{
    private long blocks;
    private bool blocksSet;

    /// <summary>
    /// <c>st_ino</c>. Path API: the kernel sees it only with <c>use_ino</c>; otherwise libfuse numbers inodes itself.
    /// Inode API: 0 (unset) is the number of the inode the answer is about.
    /// </summary>
    public ulong Inode { get; set; }

    /// <summary><c>st_mode</c>: type and permission bits together.</summary>
    public uint Mode { get; set; }

    /// <summary>The type bits of <see cref="Mode"/>.</summary>
    public FileType Type
    {
        readonly get => (FileType)(Mode & 0xF000u);
        set => Mode = (Mode & ~0xF000u) | ((uint)value & 0xF000u);
    }

    /// <summary>The permission bits of <see cref="Mode"/>, including setuid, setgid and sticky.</summary>
    public UnixFileMode Permissions
    {
        readonly get => (UnixFileMode)(Mode & 0xFFFu);
        set => Mode = (Mode & ~0xFFFu) | ((uint)value & 0xFFFu);
    }

    /// <summary><c>st_nlink</c>: number of hard links (directories: 2 + number of subdirectories).</summary>
    public ulong Links { get; set; }

    /// <summary><c>st_uid</c>: owner.</summary>
    public uint Uid { get; set; }

    /// <summary><c>st_gid</c>: group.</summary>
    public uint Gid { get; set; }

    /// <summary><c>st_rdev</c>: device number of a character or block device node.</summary>
    public ulong DeviceNumber { get; set; }

    /// <summary><c>st_size</c>: size in bytes (symbolic links: length of the target).</summary>
    public long Size { get; set; }

    /// <summary><c>st_blksize</c>: preferred I/O size; 0 lets the kernel choose.</summary>
    public long BlockSize { get; set; }

    /// <summary><c>st_blocks</c>: allocated space in 512-byte units; defaults to <see cref="Size"/> rounded up.</summary>
    public long Blocks
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        readonly get => blocksSet ? blocks : (Size + 511) / 512;
        set
        {
            blocks = value;
            blocksSet = true;
        }
    }

    /// <summary><c>st_atim</c>: last access.</summary>
    public TimeSpec AccessTime { get; set; }

    /// <summary><c>st_mtim</c>: last modification of the contents.</summary>
    public TimeSpec ModificationTime { get; set; }

    /// <summary><c>st_ctim</c>: last change of the attributes.</summary>
    public TimeSpec ChangeTime { get; set; }

    /// <summary>Sets access, modification and change time at once.</summary>
    public void SetAllTimes(TimeSpec time)
    {
        AccessTime = time;
        ModificationTime = time;
        ChangeTime = time;
    }
}
