using System;
using System.Collections.Generic;
using System.Linq;
using FuseGen.Marshalling;

namespace FuseGen.Testing;

/// <summary>
/// The usual requests as one call each, for tests that check what a filesystem answers rather than how it is called:
/// each sends the operations the kernel would (open, read until end of file, release), with native buffers, and
/// answers the errno the filesystem returned. An operation the filesystem does not implement answers ENOSYS, as
/// libfuse does.
/// </summary>
public sealed unsafe partial class KernelFreeSession
{
    private const int ReadChunk = 64 * 1024;

    /// <summary>getattr of <paramref name="path"/>.</summary>
    /// <param name="path">A path inside the filesystem, starting with <c>/</c>.</param>
    /// <param name="stat">The attributes when the call succeeded, else default.</param>
    /// <exception cref="InvalidOperationException">Nothing is served (<see cref="Serve"/> was not called).</exception>
    public Errno Getattr(string path, out Stat stat)
    {
        var table = Served();
        stat = default;
        if (table->getattr == null)
        {
            return Errno.ENOSYS;
        }

        using var name = NativeBlock.CString(path);
        using var buffer = new NativeBlock(NativeStat.MaxSize);
        var result = table->getattr(name.Pointer, buffer.Pointer, null);
        if (result == 0)
        {
            stat = NativeStat.Read(buffer.Pointer);
        }

        return ToErrno(result);
    }

    /// <summary>Opens <paramref name="path"/> read-only, reads it to the end and releases it.</summary>
    /// <param name="path">A path inside the filesystem, starting with <c>/</c>.</param>
    /// <param name="content">The bytes read when every call succeeded, else empty.</param>
    /// <exception cref="InvalidOperationException">Nothing is served (<see cref="Serve"/> was not called).</exception>
    public Errno ReadFile(string path, out byte[] content)
    {
        var table = Served();
        content = Array.Empty<byte>();
        if (table->read == null)
        {
            return Errno.ENOSYS;
        }

        using var name = NativeBlock.CString(path);
        using var info = NativeBlock.FileInfo();
        if (table->open != null && table->open(name.Pointer, info.Pointer) is var opened and < 0)
        {
            return ToErrno(opened);
        }

        var read = new List<byte>();
        using var buffer = new NativeBlock(ReadChunk);
        int result;
        while ((result = table->read(name.Pointer, buffer.Pointer, ReadChunk, read.Count, info.Pointer)) > 0)
        {
            read.AddRange(buffer.Span[..result].ToArray());
        }

        if (table->release != null)
        {
            table->release(name.Pointer, info.Pointer);
        }

        if (result < 0)
        {
            return ToErrno(result);
        }

        content = read.ToArray();
        return Errno.None;
    }

    /// <summary>Opens the directory <paramref name="path"/>, lists it and releases it.</summary>
    /// <param name="path">A directory inside the filesystem, starting with <c>/</c>.</param>
    /// <param name="names">The names listed, in order, without <c>.</c> and <c>..</c>, when every call succeeded, else empty.</param>
    /// <remarks>Uses <see cref="FakeFiller"/>, whose entries it resets.</remarks>
    /// <exception cref="InvalidOperationException">Nothing is served (<see cref="Serve"/> was not called).</exception>
    public Errno List(string path, out IReadOnlyList<string> names)
    {
        var table = Served();
        names = Array.Empty<string>();
        if (table->readdir == null)
        {
            return Errno.ENOSYS;
        }

        using var name = NativeBlock.CString(path);
        using var info = NativeBlock.FileInfo();
        if (table->opendir != null && table->opendir(name.Pointer, info.Pointer) is var opened and < 0)
        {
            return ToErrno(opened);
        }

        FakeFiller.Reset();
        var result = table->readdir(name.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 0, info.Pointer, 0);
        if (table->releasedir != null)
        {
            table->releasedir(name.Pointer, info.Pointer);
        }

        if (result < 0)
        {
            return ToErrno(result);
        }

        names = FakeFiller.Entries.Select(entry => entry.Name).Where(entry => entry is not ("." or "..")).ToList();
        return Errno.None;
    }

    private static Errno ToErrno(int result) => result < 0 ? (Errno)(-result) : Errno.None;

    private FuseOperations* Served()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return operations != null ? operations : throw new InvalidOperationException("nothing is served: call Serve(fileSystem) first");
    }
}
