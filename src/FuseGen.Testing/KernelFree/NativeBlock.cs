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

    /// <summary>Allocates <paramref name="size"/> bytes, each set to <paramref name="fill"/>.</summary>
    /// <param name="size">Size in bytes.</param>
    /// <param name="fill">The value of every byte.</param>
    public NativeBlock(int size, byte fill = 0)
    {
        Size = size;
        Pointer = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(size, 1));
        Span.Fill(fill);
    }

    /// <summary>The memory, to pass where libfuse passes a pointer; null after dispose.</summary>
    public byte* Pointer { get; private set; }

    /// <summary>Size in bytes.</summary>
    public int Size { get; }

    /// <summary>The memory as a span.</summary>
    public Span<byte> Span => new(Pointer, Size);

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    public static NativeBlock CString(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var block = new NativeBlock(bytes.Length);
        bytes.CopyTo(block.Span);
        return block;
    }

    /// <summary>A zeroed <c>struct fuse_file_info</c> (room for every libfuse 3 layout) with open flags <paramref name="flags"/>.</summary>
    /// <param name="flags">The native open flags.</param>
    public static NativeBlock FileInfo(int flags = 0)
    {
        var block = new NativeBlock(FileInfoSize);
        block.Write(0, flags);
        return block;
    }

    /// <summary>The <c>fh</c> of a block made by <see cref="FileInfo"/>.</summary>
    public ulong FileHandle => Read<ulong>(FileInfoHandleOffset);

    /// <summary>A NUL-terminated copy of raw bytes (paths need not be valid UTF-8).</summary>
    /// <param name="bytes">The bytes, without the terminator.</param>
    public static NativeBlock CString(ReadOnlySpan<byte> bytes)
    {
        var block = new NativeBlock(bytes.Length + 1);
        bytes.CopyTo(block.Span);
        return block;
    }

    /// <summary>Reads a <typeparamref name="T"/> at <paramref name="offset"/>.</summary>
    /// <typeparam name="T">An unmanaged type.</typeparam>
    /// <param name="offset">Byte offset.</param>
    public T Read<T>(int offset)
        where T : unmanaged => *(T*)(Pointer + offset);

    /// <summary>Writes <paramref name="value"/> at <paramref name="offset"/>.</summary>
    /// <typeparam name="T">An unmanaged type.</typeparam>
    /// <param name="offset">Byte offset.</param>
    /// <param name="value">The value.</param>
    public void Write<T>(int offset, T value)
        where T : unmanaged => *(T*)(Pointer + offset) = value;

    /// <summary>Frees the memory.</summary>
    public void Dispose()
    {
        NativeMemory.Free(Pointer);
        Pointer = null;
    }
}
