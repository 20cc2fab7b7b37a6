using System;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.Trampolines;

/// <summary>
/// Who disposes a handle on release: the filesystem when its [Release] takes the handle, FuseGen otherwise (no
/// [Release], or one that only sees the path and could not dispose it).
/// </summary>
[Collection(GlobalStateCollection.Name)]
public sealed unsafe class HandleDisposalTests(KernelFreeSession fuse) : IDisposable
{
    public void Dispose()
    {
        fuse.Leave();
        KernelFreeSession.RestoreFileInfoLayout();
    }

    [Fact]
    public void A_release_that_sees_only_the_path_leaves_disposal_to_FuseGen()
    {
        var fs = new PathReleaseFs();
        var ops = fuse.Serve(fs);
        using var path = NativeBlock.CString("/a");
        using var info = NativeBlock.FileInfo();

        Assert.Equal(0, ops->open(path.Pointer, info.Pointer));
        Assert.Equal(0, ops->release(path.Pointer, info.Pointer));

        Assert.Equal("/a", fs.Released);
        Assert.True(fs.Opened!.Disposed);
    }

    [Fact]
    public void A_release_that_takes_the_handle_owns_it()
    {
        var fs = new HandleReleaseFs();
        var ops = fuse.Serve(fs);
        using var path = NativeBlock.CString("/a");
        using var info = NativeBlock.FileInfo();

        Assert.Equal(0, ops->open(path.Pointer, info.Pointer));
        Assert.Equal(0, ops->release(path.Pointer, info.Pointer));

        Assert.Same(fs.Opened, fs.Released);
        Assert.False(fs.Opened!.Disposed); // the filesystem may keep it (a cache, a pool): FuseGen does not decide
    }
}

/// <summary>Opens <see cref="OpenedFile"/> handles; its release takes only the path.</summary>
[FuseFileSystem]
public sealed partial class PathReleaseFs
{
    public OpenedFile? Opened { get; private set; }

    public string? Released { get; private set; }

    [Getattr]
    private static Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.ENOENT;

    [Open]
    private OpenedFile Open(string path) => Opened = new OpenedFile(path);

    [Release]
    private void Release(string path) => Released = path;
}

/// <summary>Opens <see cref="OpenedFile"/> handles; its release takes the handle.</summary>
[FuseFileSystem]
public sealed partial class HandleReleaseFs
{
    public OpenedFile? Opened { get; private set; }

    public OpenedFile? Released { get; private set; }

    [Getattr]
    private static Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.ENOENT;

    [Open]
    private OpenedFile Open(string path) => Opened = new OpenedFile(path);

    [Release]
    private void Release(OpenedFile file) => Released = file;
}
