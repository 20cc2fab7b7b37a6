using System;
using System.Collections.Generic;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.Trampolines;

/// <summary>Open returns an object, later operations receive it, release frees it; stale and forged fh are refused.</summary>
[Collection(GlobalStateCollection.Name)]
public sealed unsafe class TypedHandleTests : IDisposable
{
    private readonly KernelFreeSession fuse;
    private readonly HandleFs fs = new();
    private readonly List<FuseFault> faults = new();
    private readonly FuseOperations* ops;

    public TypedHandleTests(KernelFreeSession fuse)
    {
        this.fuse = fuse;
        ops = fuse.Serve(fs, new MountOptions { FaultHandler = faults.Add });
    }

    public void Dispose()
    {
        fuse.Leave();
        KernelFreeSession.RestoreFileInfoLayout();
    }

    [Fact]
    public void Read_receives_the_object_open_returned_and_release_disposes_it()
    {
        using var path = NativeBlock.CString("/a");
        using var info = NativeBlock.FileInfo();
        using var buffer = new NativeBlock(16);

        Assert.Equal(0, ops->open(path.Pointer, info.Pointer));
        Assert.NotEqual(0ul, info.FileHandle);
        Assert.Equal(2, ops->read(path.Pointer, buffer.Pointer, 16, 0, info.Pointer));
        Assert.Equal((byte)'/', buffer.Span[0]);

        var opened = Assert.Single(fs.Opened);
        Assert.Equal(0, ops->release(path.Pointer, info.Pointer));
        Assert.True(opened.Disposed);
        Assert.Empty(faults);
    }

    [Fact]
    public void A_stale_handle_is_EBADF_and_not_another_files_object()
    {
        using var first = NativeBlock.CString("/first");
        using var second = NativeBlock.CString("/second");
        using var old = NativeBlock.FileInfo();
        using var current = NativeBlock.FileInfo();
        using var buffer = new NativeBlock(16);

        Assert.Equal(0, ops->open(first.Pointer, old.Pointer));
        Assert.Equal(0, ops->release(first.Pointer, old.Pointer));
        Assert.Equal(0, ops->open(second.Pointer, current.Pointer)); // reuses the freed slot

        Assert.Equal(-(int)Errno.EBADF, ops->read(first.Pointer, buffer.Pointer, 16, 0, old.Pointer));
        Assert.Equal(7, ops->read(second.Pointer, buffer.Pointer, 16, 0, current.Pointer));
        Assert.Empty(faults); // EBADF is an answer, not a fault
    }

    [Theory]
    [InlineData(0x1234_5678_9ABC_DEF0ul)]
    [InlineData(ulong.MaxValue)]
    [InlineData(0x0000_0001_0000_0000ul)]
    public void A_forged_handle_is_EBADF(ulong forged)
    {
        using var path = NativeBlock.CString("/x");
        using var info = NativeBlock.FileInfo();
        using var buffer = new NativeBlock(16);
        info.Write(NativeBlock.FileInfoHandleOffset, forged);

        Assert.Equal(-(int)Errno.EBADF, ops->read(path.Pointer, buffer.Pointer, 16, 0, info.Pointer));
        Assert.Equal(0, ops->release(path.Pointer, info.Pointer)); // releasing it frees nothing and does not fail
    }

    [Fact]
    public void An_open_that_returns_null_fails_with_EIO_and_is_reported()
    {
        using var path = NativeBlock.CString("/null");
        using var info = NativeBlock.FileInfo();

        Assert.Equal(-(int)Errno.EIO, ops->open(path.Pointer, info.Pointer));
        Assert.Equal("open", Assert.Single(faults).Operation);
    }
}

/// <summary>An open file of <see cref="HandleFs"/>.</summary>
public sealed class OpenedFile(string path) : IDisposable
{
    public string Path { get; } = path;

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

/// <summary>A filesystem whose open returns <see cref="OpenedFile"/> objects and has no release of its own.</summary>
[FuseFileSystem]
public sealed partial class HandleFs
{
    public List<OpenedFile> Opened { get; } = new();

    [Open]
    private OpenedFile Open(string path)
    {
        var file = new OpenedFile(path);
        if (path != "/null")
        {
            Opened.Add(file);
        }

        return path == "/null" ? null! : file;
    }

    [Read]
    private static int Read(Span<byte> buffer, OpenedFile file) => System.Text.Encoding.UTF8.GetBytes(file.Path, buffer);
}
