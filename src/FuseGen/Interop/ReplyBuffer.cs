using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System;
using FuseGen.Marshalling;

namespace FuseGen.Interop;

/// <summary>
/// The memory a synchronous reply is built in (read data, directory entries): one pinned array per thread, grown to
/// the largest request it served, so a read or readdir allocates nothing once its thread has served one.
/// </summary>
/// <remarks>
/// libfuse copies the bytes to /dev/fuse inside the <c>fuse_reply_*</c> call, so the buffer is free again as soon as
/// the reply returns. A reply deferred past its request (async, issue 14) must rent its own buffer instead. The array
/// is managed (pinned object heap), so it goes away with its thread; a libfuse worker thread that exits leaks nothing.
/// </remarks>
internal static unsafe class ReplyBuffer
{
    /// <summary>Bytes after the data for one native <c>stat</c>/<c>fuse_entry_param</c> that the directory filler converts entries into.</summary>
    public const int ScratchSize = NativeEntry.MaxSize;

    // 128 KiB is the kernel's default max_read and max readdir size: most threads never grow.
    private const int MinimumSize = 128 * 1024;

    [ThreadStatic]
    private static byte[]? buffer;

    /// <summary>At least <paramref name="size"/> bytes plus <see cref="ScratchSize"/>, pinned, owned by this thread until its next request.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* ForThisThread(nuint size)
    {
        var current = buffer;
        if (current is null || (nuint)current.Length < size + ScratchSize)
        {
            current = Grow(size);
        }

        return (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(current));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] Grow(nuint size)
    {
        // A kernel request is at most a few MiB (max_pages); anything near int.MaxValue is a broken caller.
        var length = checked((int)Math.Max(size + ScratchSize, MinimumSize + ScratchSize));
        return buffer = GC.AllocateUninitializedArray<byte>(length, pinned: true);
    }
}
