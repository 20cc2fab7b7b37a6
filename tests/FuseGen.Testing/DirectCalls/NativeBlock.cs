using System;
using System.Runtime.InteropServices;
using System.Text;

namespace FuseGen.Testing;

/// <summary>Zeroed native memory standing in for a buffer libfuse owns; freed on dispose.</summary>
public sealed unsafe class NativeBlock : IDisposable
{
    /// <summary>Size of <c>struct fuse_file_info</c> in libfuse 3.17+, the largest 3.x layout.</summary>
    public const int FileInfoSize = 64;

    /// <summary>Offset of <c>fh</c> (the file handle) in <c>struct fuse_file_info</c>.</summary>
    public const int FileInfoHandleOffset = 16;

    public NativeBlock(int size, byte fill = 0)
    {
        Size = size;
        Pointer = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(size, 1));
        Span.Fill(fill);
    }

    public byte* Pointer { get; private set; }

    public int Size { get; }

    public Span<byte> Span => new(Pointer, Size);

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/>.</summary>
    public static NativeBlock CString(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var block = new NativeBlock(bytes.Length);
        bytes.CopyTo(block.Span);
        return block;
    }

    /// <summary>A zeroed <c>struct fuse_file_info</c> (room for every libfuse 3 layout) with open flags <paramref name="flags"/>.</summary>
    public static NativeBlock FileInfo(int flags = 0)
    {
        var block = new NativeBlock(FileInfoSize);
        block.Write(0, flags);
        return block;
    }

    /// <summary>The <c>fh</c> of a block made by <see cref="FileInfo"/>.</summary>
    public ulong FileHandle => Read<ulong>(FileInfoHandleOffset);

    /// <summary>A NUL-terminated copy of raw bytes (paths need not be valid UTF-8).</summary>
    public static NativeBlock CString(ReadOnlySpan<byte> bytes)
    {
        var block = new NativeBlock(bytes.Length + 1);
        bytes.CopyTo(block.Span);
        return block;
    }

    public T Read<T>(int offset)
        where T : unmanaged => *(T*)(Pointer + offset);

    public void Write<T>(int offset, T value)
        where T : unmanaged => *(T*)(Pointer + offset) = value;

    public void Dispose()
    {
        NativeMemory.Free(Pointer);
        Pointer = null;
    }
}
