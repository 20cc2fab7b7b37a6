using System;
using System.ComponentModel;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Interop.Native;

namespace FuseGen;

/// <summary>
/// The data of a <see cref="WriteBufAttribute"/> request (<c>struct fuse_bufvec</c>): memory, or a pipe libfuse
/// spliced from /dev/fuse. Move it to a file descriptor without copying with <see cref="WriteTo"/>.
/// </summary>
public readonly unsafe ref struct FuseBufferVector
{
    private const int IsFd = 1 << 1;
    private const int FdSeek = 1 << 2;

    private readonly fuse_bufvec* vector;

    private FuseBufferVector(fuse_bufvec* vector) => this.vector = vector;

    /// <summary>Wraps libfuse's pointer. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static FuseBufferVector FromNative(void* vector) => new((fuse_bufvec*)vector);

    /// <summary>Total number of bytes.</summary>
    public long Size => (long)LibFuse.fuse_buf_size(vector);

    /// <summary>Copies the data into <paramref name="destination"/>; returns the bytes copied or -errno.</summary>
    public long CopyTo(Span<byte> destination)
    {
        fixed (byte* target = destination)
        {
            var buffer = stackalloc byte[NativeBufferVector.MaxSize];
            NativeBufferVector.InitializeMemory(buffer, target, destination.Length);
            return LibFuse.fuse_buf_copy(buffer, vector, 0);
        }
    }

    /// <summary>
    /// Writes the data to <paramref name="fileDescriptor"/> at <paramref name="position"/> (splice when the data is in
    /// a pipe); returns the bytes written or -errno.
    /// </summary>
    public long WriteTo(int fileDescriptor, long position)
    {
        var buffer = stackalloc byte[NativeBufferVector.MaxSize];
        NativeBufferVector.InitializeFile(buffer, fileDescriptor, position, Size, IsFd | FdSeek);
        return LibFuse.fuse_buf_copy(buffer, vector, 0);
    }
}
