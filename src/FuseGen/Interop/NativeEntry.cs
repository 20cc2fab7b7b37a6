using System.Runtime.InteropServices;
using FuseGen.Interop.Native;
using FuseGen.Marshalling;

namespace FuseGen.Interop;

/// <summary>Writes an <see cref="InodeEntry"/> into the native <c>struct fuse_entry_param</c> of the running architecture.</summary>
internal static unsafe class NativeEntry
{
    /// <summary>Largest <c>struct fuse_entry_param</c> of the supported architectures, for stack buffers.</summary>
    public const int MaxSize = 176;

    // A constant of the running CoreLib (see NativeStat.IsArm64).
    private static bool IsArm64 => RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary>Offset of <c>attr</c>: both layouts start with ino and generation.</summary>
    public const int AttributesOffset = 16;

    /// <summary>
    /// Overwrites <paramref name="native"/> with <paramref name="entry"/>, numbered <paramref name="inode"/> /
    /// <paramref name="generation"/>; <c>st_ino</c> 0 becomes the inode number.
    /// </summary>
    public static void Write(in InodeEntry entry, ulong inode, ulong generation, double entryTimeout, double attributeTimeout, void* native)
    {
        NativeStat.Write(entry.Attributes, inode, (byte*)native + AttributesOffset);
        if (IsArm64)
        {
            var target = (fuse_entry_param_aarch64*)native;
            target->ino = inode;
            target->generation = generation;
            target->attr_timeout = attributeTimeout;
            target->entry_timeout = entryTimeout;
        }
        else
        {
            var target = (fuse_entry_param_x86_64*)native;
            target->ino = inode;
            target->generation = generation;
            target->attr_timeout = attributeTimeout;
            target->entry_timeout = entryTimeout;
        }
    }
}
