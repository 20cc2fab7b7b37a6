using System;
using System.Linq;
using System.Text;
using FuseGen.Testing;
using FuseGen.Testing.InodeApi;
using FuseGen.Tests.InodeApi;
using Xunit;

namespace FuseGen.Tests.TestKit;

/// <summary>KernelFreeInodeSession's one-call requests (Lookup, Getattr, ReadFile, List): what the kernel would send, errors as errno.</summary>
[Collection(InodeStateCollection.Name)]
public sealed class KernelFreeInodeSessionCallsTests
{
    [Fact]
    public void Lookup_answers_the_entry_counted_in_the_table_or_the_errno()
    {
        var fs = new TreeInodeFs(directorySize: 0);
        using var session = new KernelFreeInodeSession(fs);

        Assert.Equal(Errno.None, session.Lookup(KernelFreeInodeSession.RootInode, "hello", out var entry));
        Assert.NotNull(entry);
        Assert.Equal(TreeInodeFs.HelloText.Length, entry.Stat.Size);
        Assert.Equal(1ul, fs.Nodes.LookupCount(entry.Inode));

        Assert.Equal(Errno.ENOENT, session.Lookup(KernelFreeInodeSession.RootInode, "missing", out var missing));
        Assert.Null(missing);
        Assert.Equal(Errno.EIO, session.Lookup(KernelFreeInodeSession.RootInode, "boom", out _));
        Assert.Equal(Errno.ENOTDIR, session.Lookup(entry.Inode, "x", out _));
    }

    [Fact]
    public void Getattr_answers_the_attributes_or_the_errno()
    {
        using var session = new KernelFreeInodeSession(new TreeInodeFs(directorySize: 0));
        session.Lookup(KernelFreeInodeSession.RootInode, "big", out var big);

        Assert.Equal(Errno.None, session.Getattr(KernelFreeInodeSession.RootInode, out var root));
        Assert.Equal(FileType.Directory, root.Type);
        Assert.Equal(Errno.None, session.Getattr(big!.Inode, out var stat));
        Assert.Equal(TreeInodeFs.BigSize, stat.Size);
    }

    [Fact]
    public void ReadFile_opens_reads_in_chunks_to_the_end_and_releases_the_handle()
    {
        var fs = new TreeInodeFs(directorySize: 0);
        using var session = new KernelFreeInodeSession(fs);
        session.Lookup(KernelFreeInodeSession.RootInode, "big", out var big);
        session.Lookup(KernelFreeInodeSession.RootInode, "dir", out var dir);

        Assert.Equal(Errno.None, session.ReadFile(big!.Inode, out var content));
        Assert.Equal(TreeInodeFs.BigContent(), content);
        Assert.True(fs.Calls["read"] > 1, $"{TreeInodeFs.BigSize} bytes came in {fs.Calls["read"]} read");
        Assert.Equal(1, fs.Opens);
        Assert.Equal(1, fs.Releases);
        Assert.Equal(0, session.OpenHandles);

        // A refused open is never released.
        Assert.Equal(Errno.EISDIR, session.ReadFile(dir!.Inode, out var refused));
        Assert.Empty(refused);
        Assert.Equal(1, fs.Releases);
    }

    [Fact]
    public void List_resumes_from_the_offsets_until_the_directory_ends()
    {
        const int Files = 5000;
        var fs = new TreeInodeFs(directorySize: Files);
        using var session = new KernelFreeInodeSession(fs);
        session.Lookup(KernelFreeInodeSession.RootInode, "dir", out var dir);
        session.Lookup(KernelFreeInodeSession.RootInode, "hello", out var hello);

        Assert.Equal(Errno.None, session.List(dir!.Inode, out var names));
        Assert.Equal(Enumerable.Range(0, Files).Select(i => $"f{i:D4}"), names);
        Assert.True(fs.Listings.Count(l => l.Operation == "readdir") > 2, "a 64 KiB request holds all 5000 entries: nothing resumed");

        Assert.Equal(Errno.None, session.List(KernelFreeInodeSession.RootInode, out var root));
        Assert.Equal(new[] { "hello", "big", "dir", "many", "caller", "current" }, root);
        Assert.Equal(Errno.ENOTDIR, session.List(hello!.Inode, out var none));
        Assert.Empty(none);
    }

    [Fact]
    public void List_through_readdirplus_gives_back_the_lookup_of_every_entry()
    {
        var fs = new PlusOnlyInodeFs();
        using var session = new KernelFreeInodeSession(fs);

        Assert.Equal(Errno.None, session.List(KernelFreeInodeSession.RootInode, out var names));
        Assert.Equal(new[] { "a", "b" }, names);
        Assert.Equal(2, fs.Released);
        Assert.Equal(0, fs.Nodes.Count);
    }
}

/// <summary>A flat directory listed only with readdirplus, whose every named entry counts a lookup.</summary>
[FuseInodeFileSystem]
public sealed partial class PlusOnlyInodeFs
{
    private readonly PlusNode[] files = { new("a"), new("b") };

    public PlusOnlyInodeFs() => Nodes = new(new PlusNode(""), released: _ => Released++);

    public InodeTable<PlusNode> Nodes { get; }

    /// <summary>Nodes the table let go: each listed entry's lookup, forgotten again.</summary>
    public int Released { get; private set; }

    InodeTable? IFuseInodeFileSystem.Inodes => Nodes;

    [Lookup]
    private static Errno Lookup(PlusNode parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;

    [Getattr]
    private static Stat Getattr(PlusNode node) => node.Attributes();

    [Readdirplus]
    private void ReadDirPlus(PlusNode directory, ref InodeDirectoryFiller entries)
    {
        entries.Add("."u8, new InodeEntry(directory, directory.Attributes()));
        foreach (var file in files)
        {
            if (!entries.Add(Encoding.UTF8.GetBytes(file.Name), new InodeEntry(file, file.Attributes())))
            {
                return;
            }
        }
    }
}

public sealed class PlusNode(string name)
{
    public string Name { get; } = name;

    public Stat Attributes() => new() { Mode = Name.Length == 0 ? 0x41EDu : 0x81A4u, Links = 1 };
}
