using System.Runtime.InteropServices;

namespace MirrorFs;

/// <summary>
/// Page-aligned memory for the I/O of files the source opened with <c>O_DIRECT</c>. Such a file takes only buffers
/// aligned to its logical block size (ext4, xfs: EINVAL otherwise), and the data of a FUSE write never is: it follows
/// the 80-byte request header in libfuse's receive buffer, or in the pipe libfuse spliced the request into. So that
/// data goes through here. A page satisfies every block size up to 4 KiB.
/// </summary>
/// <remarks>
/// One buffer per worker thread, allocated on its first direct write and grown to the largest seen (at most the
/// mount's max_write, 1 MiB): libfuse's workers live until unmount, and a buffer per request would cost an
/// allocation on every write.
/// </remarks>
internal static unsafe class DirectIoBuffer
{
    /// <summary>The alignment of the buffer.</summary>
    public const int Alignment = 4096;

    [System.ThreadStatic]
    private static byte* buffer;

    [System.ThreadStatic]
    private static nuint capacity;

    /// <summary>Whether <paramref name="memory"/> can go to an O_DIRECT call as it is.</summary>
    public static bool IsAligned(byte* memory) => ((nuint)memory & (Alignment - 1)) == 0;

    /// <summary>This thread's buffer, at least <paramref name="size"/> bytes.</summary>
    /// <exception cref="System.OutOfMemoryException">No memory for it (the request fails with ENOMEM).</exception>
    public static byte* Get(nuint size)
    {
        if (buffer == null || size > capacity)
        {
            var grown = size == 0 ? Alignment : (size + Alignment - 1) & ~(nuint)(Alignment - 1);
            var memory = (byte*)NativeMemory.AlignedAlloc(grown, Alignment);
            NativeMemory.AlignedFree(buffer);
            buffer = memory;
            capacity = grown;
        }

        return buffer;
    }
}
