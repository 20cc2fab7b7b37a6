using FuseGen;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseFs1.Tests;

// One class: xunit runs its tests one after the other, and a kernel-free session must not overlap a mount.
public sealed class FuseFs1Tests(ITestOutputHelper output)
{
    /// <summary>No kernel, no root, no /dev/fuse: the generated operations called directly, by inode.</summary>
    [Fact]
    public void Hello_is_a_read_only_file_with_its_text()
    {
        using var session = new KernelFreeInodeSession(new FuseFs1());

        Assert.Equal(Errno.None, session.List(KernelFreeInodeSession.RootInode, out var names));
        Assert.Equal(new[] { "hello.txt" }, names);
        Assert.Equal(Errno.None, session.Lookup(KernelFreeInodeSession.RootInode, "hello.txt", out var hello));
        Assert.Equal(FileType.Regular, hello!.Stat.Type);
        Assert.Equal(Errno.None, session.ReadFile(hello.Inode, out var content));
        Assert.Equal("Hello from FuseFs1!\n"u8.ToArray(), content);
        Assert.Equal(Errno.ENOENT, session.Lookup(KernelFreeInodeSession.RootInode, "missing", out _));
    }

    /// <summary>A real mount in this process, torn down by a watchdog if the test hangs.</summary>
    [MountFact]
    public async Task Mounted_filesystem_lists_and_reads_hello()
    {
        await using var mount = FuseTestMount.Start(new FuseFs1(), log: output.WriteLine);

        FileSystemAssert.Listing(mount.Path, "hello.txt");
        FileSystemAssert.FileText(mount["hello.txt"], "Hello from FuseFs1!\n");
        FileSystemAssert.Fails(Errno.ENOENT, Syscall.Stat(mount["missing"]));

        // The size getattr reports is the size read returns; a read past the end returns nothing.
        using var file = File.OpenRead(mount["hello.txt"]);
        Assert.Equal(File.ReadAllBytes(mount["hello.txt"]).Length, file.Length);
        file.Seek(100, SeekOrigin.Begin);
        Assert.Equal(0, file.Read(new byte[16]));
    }
}
