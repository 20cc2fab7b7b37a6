using System;
using System.Linq;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.TestKit;

/// <summary>KernelFreeSession's one-call requests (Getattr, ReadFile, List): what the kernel would send, and errors as errno.</summary>
[Collection(GlobalStateCollection.Name)]
public sealed unsafe class KernelFreeSessionCallsTests(KernelFreeSession session) : IDisposable
{
    [Fact]
    public void Getattr_answers_the_attributes_or_the_errno()
    {
        session.Serve(new PagedFs());

        Assert.Equal(Errno.None, session.Getattr("/big", out var stat));
        Assert.Equal(FileType.Regular, stat.Type);
        Assert.Equal(PagedFs.BigSize, stat.Size);
        Assert.Equal(Errno.ENOENT, session.Getattr("/missing", out var missing));
        Assert.Equal(default, missing);
    }

    [Fact]
    public void ReadFile_opens_reads_in_chunks_to_the_end_and_releases()
    {
        var fs = new PagedFs();
        session.Serve(fs);

        Assert.Equal(Errno.None, session.ReadFile("/big", out var content));
        Assert.Equal(PagedFs.Content(PagedFs.BigSize), content);
        Assert.True(fs.Reads > 1, $"{PagedFs.BigSize} bytes came in {fs.Reads} read");
        Assert.Equal(1, fs.Opens);
        Assert.Equal(1, fs.Releases);

        Assert.Equal(Errno.EACCES, session.ReadFile("/locked", out var refused));
        Assert.Empty(refused);
        Assert.Equal(Errno.EIO, session.ReadFile("/broken", out _));

        // A refused open is never released; a failed read still is.
        Assert.Equal(3, fs.Opens);
        Assert.Equal(2, fs.Releases);
    }

    [Fact]
    public void List_answers_the_names_without_dot_entries_or_the_errno()
    {
        session.Serve(new PagedFs());

        Assert.Equal(Errno.None, session.List("/", out var names));
        Assert.Equal(new[] { "big", "broken", "locked" }, names.ToArray());
        Assert.Equal(Errno.ENOTDIR, session.List("/big", out var none));
        Assert.Empty(none);
    }

    [Fact]
    public void Calls_before_Serve_are_refused()
    {
        session.Leave();

        Assert.Throws<InvalidOperationException>(() => session.Getattr("/", out _));
    }

    public void Dispose() => session.Leave();
}
