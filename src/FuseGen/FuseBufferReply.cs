using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Interop.Native;

namespace FuseGen;

/// <summary>
/// The reply of a <see cref="ReadBufAttribute"/> request: point libfuse at a file descriptor (spliced to the kernel
/// without passing through user space) or give it bytes.
/// </summary>
public readonly unsafe ref struct FuseBufferReply
{
    private const int IsFd = 1 << 1;
    private const int FdSeek = 1 << 2;

    private readonly void** target;

    private FuseBufferReply(void** target) => this.target = target;

    /// <summary>Wraps libfuse's <c>struct fuse_bufvec **</c>. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static FuseBufferReply FromNative(void* target) => new((void**)target);

    /// <summary>Replies with up to <paramref name="size"/> bytes read from <paramref name="fileDescriptor"/> at <paramref name="position"/>.</summary>
    /// <remarks>
    /// libfuse splices a reply of two pages or more (when the connection wants FUSE_CAP_SPLICE_WRITE); a smaller one
    /// it reads into a page-aligned buffer it allocates for the purpose. That one is read here instead, with the same
    /// single pread, into plain malloc memory: posix_memalign of a page costs glibc about a page of extra work per
    /// request (split and free of the unaligned head), which showed on 4 KiB random reads. A read that fails here
    /// (an O_DIRECT descriptor refusing unaligned memory, say) is left to libfuse, which repeats it and replies
    /// with its result or its error as before.
    /// </remarks>
    public void FromFile(int fileDescriptor, long position, long size)
    {
        var vector = Allocate();
        if (size <= 0 || size >= UnsplicedLimit || !TryRead(vector, fileDescriptor, position, (nuint)size))
        {
            NativeBufferVector.InitializeFile(vector, fileDescriptor, position, size, IsFd | FdSeek);
        }

        Replace(vector);
    }

    /// <summary>Replies with a copy of <paramref name="data"/>.</summary>
    public void CopyFrom(ReadOnlySpan<byte> data)
    {
        var vector = Allocate();
        var memory = (byte*)NativeMemory.Alloc((nuint)Math.Max(data.Length, 1));
        data.CopyTo(new Span<byte>(memory, data.Length));
        NativeBufferVector.InitializeMemory(vector, memory, data.Length);
        Replace(vector);
    }

    /// <summary>libfuse's fuse_send_data_iov never splices a reply under two pages.</summary>
    private static readonly long UnsplicedLimit = 2L * Environment.SystemPageSize;

    private static bool TryRead(byte* vector, int fileDescriptor, long position, nuint size)
    {
        var memory = NativeMemory.Alloc(size);
        var count = LibC.pread(fileDescriptor, memory, size, position);
        if (count < 0)
        {
            NativeMemory.Free(memory);
            return false;
        }

        NativeBufferVector.InitializeMemory(vector, memory, count);
        return true;
    }

    // libfuse frees the vector (and memory buffers) with free(): allocate with malloc, which NativeMemory.Alloc is.
    // Not calloc (AllocZeroed): glibc's calloc bypasses the per-thread cache that free() fills, so once that cache is
    // full every freed vector lands in a fastbin, and the next large allocation of the request (libfuse's page-aligned
    // reply buffer) consolidates them: malloc_consolidate showed in every read. NativeBufferVector clears it anyway.
    private static byte* Allocate() => (byte*)NativeMemory.Alloc(NativeBufferVector.MaxSize);

    private void Replace(byte* vector)
    {
        var previous = (fuse_bufvec*)*target;
        *target = vector;
        if (previous != null)
        {
            var first = (fuse_buf*)((byte*)previous + sizeof(fuse_bufvec));
            if ((first->flags & IsFd) == 0)
            {
                NativeMemory.Free(first->mem);
            }

            NativeMemory.Free(previous);
        }
    }
}
