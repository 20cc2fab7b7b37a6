using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FuseGen.Interop;
using FuseGen.Interop.Native;

namespace FuseGen.Marshalling;

/// <summary>Writes a <see cref="Stat"/> into the native <c>struct stat</c> of the running architecture.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeStat
{
    /// <summary>Largest <c>struct stat</c> of the supported architectures, for stack buffers.</summary>
    public const int MaxSize = 144;

    // ProcessArchitecture is a constant of the running CoreLib, so the branches on it are compiled away (a static
    // readonly copy of it cost a class-initialization check and a load per call under NativeAOT).
    private static bool IsArm64 => RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    // One read-only native stat per file type (index: type >> 12), built once; libfuse copies what it is given.
    private static readonly nint[] TypeOnly = CreateTypeOnly();

    /// <summary>Overwrites the whole native structure with <paramref name="stat"/>.</summary>
    public static void Write(in Stat stat, void* native) => Write(in stat, 0, native);

    /// <summary>
    /// Overwrites the whole native structure with <paramref name="stat"/>, whose <see cref="Stat.Inode"/> 0 (unset)
    /// becomes <paramref name="inode"/>: the inode API's answers number attributes with the inode they describe.
    /// </summary>
    internal static void Write(in Stat stat, ulong inode, void* native)
    {
        var number = stat.Inode != 0 ? stat.Inode : inode;
        if (IsArm64)
        {
            var target = (stat_aarch64*)native;
            *target = default;
            target->st_ino = number;
            target->st_mode = stat.Mode;
            target->st_nlink = (uint)stat.Links;
            target->st_uid = stat.Uid;
            target->st_gid = stat.Gid;
            target->st_rdev = stat.DeviceNumber;
            target->st_size = stat.Size;
            target->st_blksize = (int)stat.BlockSize;
            target->st_blocks = stat.Blocks;
            target->st_atim = ToNative(stat.AccessTime);
            target->st_mtim = ToNative(stat.ModificationTime);
            target->st_ctim = ToNative(stat.ChangeTime);
        }
        else
        {
            // Every field written once, the unused ones zeroed, rather than the whole structure zeroed and then
            // written over: getattr and every entry reply (lookup, readdirplus) come through here.
            var target = (stat_x86_64*)native;
            target->st_dev = 0;
            target->__pad0 = 0;
            target->__glibc_reserved[0] = 0;
            target->__glibc_reserved[1] = 0;
            target->__glibc_reserved[2] = 0;
            target->st_ino = number;
            target->st_mode = stat.Mode;
            target->st_nlink = stat.Links;
            target->st_uid = stat.Uid;
            target->st_gid = stat.Gid;
            target->st_rdev = stat.DeviceNumber;
            target->st_size = stat.Size;
            target->st_blksize = stat.BlockSize;
            target->st_blocks = stat.Blocks;
            target->st_atim = ToNative(stat.AccessTime);
            target->st_mtim = ToNative(stat.ModificationTime);
            target->st_ctim = ToNative(stat.ChangeTime);
        }
    }

    /// <summary>A shared native <c>struct stat</c> holding only <paramref name="type"/> (all else zero). Never write to it.</summary>
    internal static void* OfType(FileType type) => (void*)TypeOnly[((uint)type >> 12) & 0xF];

    private static nint[] CreateTypeOnly()
    {
        var stats = new nint[16];
        for (var i = 0; i < stats.Length; i++)
        {
            var native = NativeMemory.AllocZeroed(MaxSize);
            Write(new Stat { Mode = (uint)i << 12 }, native);
            stats[i] = (nint)native;
        }

        return stats;
    }

    /// <summary>Reads a native <c>struct stat</c> (tests and pass-through filesystems).</summary>
    public static Stat Read(void* native)
    {
        var stat = default(Stat);
        if (IsArm64)
        {
            var source = (stat_aarch64*)native;
            stat.Inode = source->st_ino;
            stat.Mode = source->st_mode;
            stat.Links = source->st_nlink;
            stat.Uid = source->st_uid;
            stat.Gid = source->st_gid;
            stat.DeviceNumber = source->st_rdev;
            stat.Size = source->st_size;
            stat.BlockSize = source->st_blksize;
            stat.Blocks = source->st_blocks;
            stat.AccessTime = new TimeSpec(source->st_atim.tv_sec, source->st_atim.tv_nsec);
            stat.ModificationTime = new TimeSpec(source->st_mtim.tv_sec, source->st_mtim.tv_nsec);
            stat.ChangeTime = new TimeSpec(source->st_ctim.tv_sec, source->st_ctim.tv_nsec);
        }
        else
        {
            var source = (stat_x86_64*)native;
            stat.Inode = source->st_ino;
            stat.Mode = source->st_mode;
            stat.Links = source->st_nlink;
            stat.Uid = source->st_uid;
            stat.Gid = source->st_gid;
            stat.DeviceNumber = source->st_rdev;
            stat.Size = source->st_size;
            stat.BlockSize = source->st_blksize;
            stat.Blocks = source->st_blocks;
            stat.AccessTime = new TimeSpec(source->st_atim.tv_sec, source->st_atim.tv_nsec);
            stat.ModificationTime = new TimeSpec(source->st_mtim.tv_sec, source->st_mtim.tv_nsec);
            stat.ChangeTime = new TimeSpec(source->st_ctim.tv_sec, source->st_ctim.tv_nsec);
        }

        return stat;
    }

    /// <summary>
    /// Sets only <c>st_ino</c> and <c>st_mode</c>, what the <c>struct fuse_dirent</c> of an entry takes of its
    /// attributes; the other fields keep whatever they held.
    /// </summary>
    internal static void WriteInodeAndMode(void* native, ulong inode, uint mode)
    {
        if (IsArm64)
        {
            ((stat_aarch64*)native)->st_ino = inode;
            ((stat_aarch64*)native)->st_mode = mode;
        }
        else
        {
            ((stat_x86_64*)native)->st_ino = inode;
            ((stat_x86_64*)native)->st_mode = mode;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static timespec ToNative(TimeSpec time) => new() { tv_sec = time.Seconds, tv_nsec = time.Nanoseconds };
}
