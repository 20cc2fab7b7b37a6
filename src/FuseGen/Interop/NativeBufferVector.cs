using FuseGen.Interop.Native;

namespace FuseGen.Interop;

/// <summary>Builds one-buffer <c>struct fuse_bufvec</c>s, sized for the largest <c>fuse_buf</c> (3.17+: 48 bytes).</summary>
internal static unsafe class NativeBufferVector
{
    /// <summary>Header (24) plus the largest <c>struct fuse_buf</c> (48).</summary>
    public const int MaxSize = 24 + 48;

    public static void InitializeMemory(byte* vector, void* memory, long size)
    {
        new System.Span<byte>(vector, MaxSize).Clear();
        var header = (fuse_bufvec*)vector;
        header->count = 1;
        var buffer = (fuse_buf*)(vector + sizeof(fuse_bufvec));
        buffer->size = (nuint)size;
        buffer->mem = memory;
        buffer->fd = -1;
    }

    public static void InitializeFile(byte* vector, int fileDescriptor, long position, long size, int flags)
    {
        new System.Span<byte>(vector, MaxSize).Clear();
        var header = (fuse_bufvec*)vector;
        header->count = 1;
        var buffer = (fuse_buf*)(vector + sizeof(fuse_bufvec));
        buffer->size = (nuint)size;
        buffer->flags = flags;
        buffer->fd = fileDescriptor;
        buffer->pos = position;
    }
}
