using System.IO;
using System.Runtime.InteropServices;

namespace FuseGen;

/// <summary>
/// Extended file attributes: <c>struct statx</c> of <c>&lt;linux/stat.h&gt;</c> itself (256 bytes, the same on every
/// architecture), so <see cref="StatxAttribute"/> writes straight into libfuse's buffer.
/// </summary>
/// <remarks>
/// <para>
/// Setting a property also sets its bit in <see cref="Mask"/>, which tells the kernel what the answer holds. The
/// kernel takes the answer as the whole result of <c>statx(2)</c> and caches it only when <see cref="Mask"/> holds
/// every basic field, so fill them all: <see cref="SetBasicStats"/> copies them from the <see cref="Stat"/> a
/// <c>[Getattr]</c> method produces, then add what <c>struct stat</c> lacks, such as <see cref="BirthTime"/>.
/// </para>
/// <para>The buffer arrives zeroed. Unlike <see cref="Stat.Blocks"/>, <see cref="Blocks"/> has no default.</para>
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct Statx
{
    private uint stx_mask;
    private uint stx_blksize;
    private ulong stx_attributes;
    private uint stx_nlink;
    private uint stx_uid;
    private uint stx_gid;
    private ushort stx_mode;
    private ushort __spare0;
    private ulong stx_ino;
    private ulong stx_size;
    private ulong stx_blocks;
    private ulong stx_attributes_mask;
    private Timestamp stx_atime;
    private Timestamp stx_btime;
    private Timestamp stx_ctime;
    private Timestamp stx_mtime;
    private uint stx_rdev_major;
    private uint stx_rdev_minor;
    private uint stx_dev_major;
    private uint stx_dev_minor;
    private ulong stx_mnt_id;
    private uint stx_dio_mem_align;
    private uint stx_dio_offset_align;
    private Spare __spare3;

    /// <summary><c>stx_mask</c>: the fields this answer holds. Each property's setter adds its own bit.</summary>
    public StatxMask Mask
    {
        readonly get => (StatxMask)stx_mask;
        set => stx_mask = (uint)value;
    }

    /// <summary><c>stx_mode</c>: type and permission bits together (sets <see cref="StatxMask.Type"/> and <see cref="StatxMask.Mode"/>).</summary>
    public uint Mode
    {
        readonly get => stx_mode;
        set
        {
            stx_mode = (ushort)value;
            stx_mask |= (uint)(StatxMask.Type | StatxMask.Mode);
        }
    }

    /// <summary>The type bits of <see cref="Mode"/>.</summary>
    public FileType Type
    {
        readonly get => (FileType)(stx_mode & 0xF000u);
        set => Mode = (stx_mode & ~0xF000u) | ((uint)value & 0xF000u);
    }

    /// <summary>The permission bits of <see cref="Mode"/>, including setuid, setgid and sticky.</summary>
    public UnixFileMode Permissions
    {
        readonly get => (UnixFileMode)(stx_mode & 0xFFFu);
        set => Mode = (stx_mode & ~0xFFFu) | ((uint)value & 0xFFFu);
    }

    /// <summary><c>stx_nlink</c>: number of hard links.</summary>
    public uint Links
    {
        readonly get => stx_nlink;
        set => Set(ref stx_nlink, value, StatxMask.Links);
    }

    /// <summary><c>stx_uid</c>: owner.</summary>
    public uint Uid
    {
        readonly get => stx_uid;
        set => Set(ref stx_uid, value, StatxMask.Uid);
    }

    /// <summary><c>stx_gid</c>: group.</summary>
    public uint Gid
    {
        readonly get => stx_gid;
        set => Set(ref stx_gid, value, StatxMask.Gid);
    }

    /// <summary>
    /// <c>stx_ino</c>. Path API: the kernel sees it only with <c>use_ino</c>; otherwise libfuse puts its own number
    /// here. Inode API: 0 (unset) is the number of the inode the answer is about.
    /// </summary>
    public ulong Inode
    {
        readonly get => stx_ino;
        set => Set(ref stx_ino, value, StatxMask.Inode);
    }

    /// <summary><c>stx_size</c>: size in bytes.</summary>
    public long Size
    {
        readonly get => (long)stx_size;
        set => Set(ref stx_size, (ulong)value, StatxMask.Size);
    }

    /// <summary><c>stx_blocks</c>: allocated space in 512-byte units.</summary>
    public long Blocks
    {
        readonly get => (long)stx_blocks;
        set => Set(ref stx_blocks, (ulong)value, StatxMask.Blocks);
    }

    /// <summary><c>stx_blksize</c>: preferred I/O size (no mask bit: always valid).</summary>
    public uint BlockSize
    {
        readonly get => stx_blksize;
        set => stx_blksize = value;
    }

    /// <summary><c>stx_attributes</c>: <c>STATX_ATTR_*</c> flags (immutable, append-only, ...), meaningful where <see cref="AttributesMask"/> says so.</summary>
    public ulong Attributes
    {
        readonly get => stx_attributes;
        set => stx_attributes = value;
    }

    /// <summary><c>stx_attributes_mask</c>: the <c>STATX_ATTR_*</c> flags this filesystem supports.</summary>
    public ulong AttributesMask
    {
        readonly get => stx_attributes_mask;
        set => stx_attributes_mask = value;
    }

    /// <summary><c>stx_atime</c>: last access.</summary>
    public TimeSpec AccessTime
    {
        readonly get => stx_atime.ToTimeSpec();
        set => Set(ref stx_atime, value, StatxMask.AccessTime);
    }

    /// <summary><c>stx_btime</c>: creation (birth) time, which <c>struct stat</c> cannot carry.</summary>
    public TimeSpec BirthTime
    {
        readonly get => stx_btime.ToTimeSpec();
        set => Set(ref stx_btime, value, StatxMask.BirthTime);
    }

    /// <summary><c>stx_ctime</c>: last change of the attributes.</summary>
    public TimeSpec ChangeTime
    {
        readonly get => stx_ctime.ToTimeSpec();
        set => Set(ref stx_ctime, value, StatxMask.ChangeTime);
    }

    /// <summary><c>stx_mtime</c>: last modification of the contents.</summary>
    public TimeSpec ModificationTime
    {
        readonly get => stx_mtime.ToTimeSpec();
        set => Set(ref stx_mtime, value, StatxMask.ModificationTime);
    }

    /// <summary><c>stx_rdev_major</c>: major number of a character or block device node.</summary>
    public uint DeviceMajor
    {
        readonly get => stx_rdev_major;
        set => stx_rdev_major = value;
    }

    /// <summary><c>stx_rdev_minor</c>: minor number of a character or block device node.</summary>
    public uint DeviceMinor
    {
        readonly get => stx_rdev_minor;
        set => stx_rdev_minor = value;
    }

    /// <summary><c>stx_dio_mem_align</c>: memory alignment direct I/O needs (with <see cref="StatxMask.DirectIoAlignment"/>).</summary>
    public uint DirectIoMemoryAlignment
    {
        readonly get => stx_dio_mem_align;
        set => Set(ref stx_dio_mem_align, value, StatxMask.DirectIoAlignment);
    }

    /// <summary><c>stx_dio_offset_align</c>: file offset alignment direct I/O needs (with <see cref="StatxMask.DirectIoAlignment"/>).</summary>
    public uint DirectIoOffsetAlignment
    {
        readonly get => stx_dio_offset_align;
        set => Set(ref stx_dio_offset_align, value, StatxMask.DirectIoAlignment);
    }

    /// <summary>
    /// Copies every field <c>struct stat</c> has (and sets <see cref="StatxMask.BasicStats"/>), so a filesystem
    /// answers <c>statx</c> from its <c>[Getattr]</c> and adds the rest.
    /// </summary>
    public void SetBasicStats(in Stat stat)
    {
        Mode = stat.Mode;
        Links = (uint)stat.Links;
        Uid = stat.Uid;
        Gid = stat.Gid;
        Inode = stat.Inode;
        Size = stat.Size;
        Blocks = stat.Blocks;
        BlockSize = (uint)stat.BlockSize;
        AccessTime = stat.AccessTime;
        ModificationTime = stat.ModificationTime;
        ChangeTime = stat.ChangeTime;
        DeviceMajor = (uint)(((stat.DeviceNumber >> 8) & 0xFFF) | ((stat.DeviceNumber >> 32) & ~0xFFFul));
        DeviceMinor = (uint)((stat.DeviceNumber & 0xFF) | ((stat.DeviceNumber >> 12) & ~0xFFul));
    }

    private void Set<T>(ref T field, T value, StatxMask bit)
    {
        field = value;
        stx_mask |= (uint)bit;
    }

    private void Set(ref Timestamp field, TimeSpec value, StatxMask bit)
    {
        field = new Timestamp(value);
        stx_mask |= (uint)bit;
    }

    /// <summary><c>struct statx_timestamp</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Timestamp
    {
        private readonly long tv_sec;
        private readonly uint tv_nsec;
        private readonly int __reserved;

        public Timestamp(TimeSpec time)
        {
            tv_sec = time.Seconds;
            tv_nsec = (uint)time.Nanoseconds;
            __reserved = 0;
        }

        public TimeSpec ToTimeSpec() => new(tv_sec, tv_nsec);
    }

    /// <summary>The fields after <c>stx_dio_offset_align</c> (subvolume, atomic writes, ...) and the spare room: 96 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 96)]
    private struct Spare
    {
        private ulong first;
    }
}
