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
    public void FromFile(int fileDescriptor, long position, long size)
    {
        var vector = Allocate();
        NativeBufferVector.InitializeFile(vector, fileDescriptor, position, size, IsFd | FdSeek);
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
