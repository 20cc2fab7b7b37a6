using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MirrorFs;

/// <summary>
/// Page-aligned memory for the I/O of files the source opened with <c>O_DIRECT</c>. Such a file takes only buffers
/// aligned to its logical block size (ext4, xfs: EINVAL otherwise), and the data of a FUSE write never is: it follows
/// the 80-byte request header in libfuse's receive buffer, or in the pipe libfuse spliced the request into. So that
/// data goes through here. A page satisfies every block size up to 4 KiB.
/// </summary>
/// <remarks>
/// One buffer per worker thread, made on its first direct I/O and grown to the largest seen (at most the mount's
/// max_write or max_read): a buffer per request would cost an allocation on every write. Pinned, so its aligned part
/// stays put; managed, because libfuse ends idle workers beyond max_idle_threads, and a native buffer would leak with
/// each of them.
/// </remarks>
internal static unsafe class DirectIoBuffer
{
    /// <summary>The alignment of the buffer.</summary>
    public const int Alignment = 4096;

    [ThreadStatic]
    private static byte[]? buffer;

    /// <summary>Whether <paramref name="memory"/> can go to an O_DIRECT call as it is.</summary>
    public static bool IsAligned(ReadOnlySpan<byte> memory) =>
        ((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(memory)) & (Alignment - 1)) == 0;

    /// <summary>This thread's aligned buffer, <paramref name="size"/> bytes long.</summary>
    /// <exception cref="OutOfMemoryException">No memory for it (the request fails with ENOMEM).</exception>
    public static Span<byte> Get(int size)
    {
        if (buffer is null || buffer.Length < size + Alignment)
        {
            buffer = GC.AllocateUninitializedArray<byte>(((size + Alignment - 1) & ~(Alignment - 1)) + Alignment, pinned: true);
        }

        var start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return new Span<byte>(start + ((Alignment - ((nint)start & (Alignment - 1))) & (Alignment - 1)), size);
    }
}
