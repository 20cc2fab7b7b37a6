using FuseGen;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseFs1.Tests;

// One class: xunit runs its tests one after the other, and a kernel-free session must not overlap a mount.
public sealed class FuseFs1Tests(ITestOutputHelper output)
{
    /// <summary>No kernel, no root, no /dev/fuse: the generated operations called directly.</summary>
    [Fact]
    public void Hello_is_a_read_only_file_with_its_text()
    {
        using var session = KernelFreeSession.Create(new FuseFs1());

        Assert.Equal(Errno.None, session.Getattr("/hello.txt", out var stat));
        Assert.Equal(FileType.Regular, stat.Type);
        Assert.Equal(Errno.None, session.ReadFile("/hello.txt", out var content));
        Assert.Equal("Hello from FuseFs1!\n"u8.ToArray(), content);
        Assert.Equal(Errno.ENOENT, session.Getattr("/missing", out _));
    }

    /// <summary>A real mount in this process, torn down by a watchdog if the test hangs.</summary>
    [MountFact]
    public async Task Mounted_filesystem_lists_and_reads_hello()
    {
        await using var mount = FuseTestMount.Start(new FuseFs1(), log: output.WriteLine);

        FileSystemAssert.Listing(mount.Path, "hello.txt");
        FileSystemAssert.FileText(mount["hello.txt"], "Hello from FuseFs1!\n");
        FileSystemAssert.Fails(Errno.ENOENT, Syscall.Stat(mount["missing"]));
    }
}
