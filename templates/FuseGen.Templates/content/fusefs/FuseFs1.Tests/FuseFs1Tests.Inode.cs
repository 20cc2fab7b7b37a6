using FuseGen;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseFs1.Tests;

public sealed class FuseFs1Tests(ITestOutputHelper output)
{
    /// <summary>A real mount in this process, torn down by a watchdog if the test hangs.</summary>
    [MountFact]
    public async Task Mounted_filesystem_lists_and_reads_hello()
    {
        await using var mount = FuseTestMount.Start(new FuseFs1(), log: output.WriteLine);

        FileSystemAssert.Listing(mount.Path, "hello.txt");
        FileSystemAssert.FileText(mount["hello.txt"], "Hello from FuseFs1!\n");
        FileSystemAssert.Fails(Errno.ENOENT, Syscall.Stat(mount["missing"]));
    }

    /// <summary>The size getattr reports is the size read returns; a read past the end returns nothing.</summary>
    [MountFact]
    public async Task Reads_end_at_the_size_getattr_reports()
    {
        await using var mount = FuseTestMount.Start(new FuseFs1(), log: output.WriteLine);

        using var file = File.OpenRead(mount["hello.txt"]);
        Assert.Equal(File.ReadAllBytes(mount["hello.txt"]).Length, file.Length);
        file.Seek(100, SeekOrigin.Begin);
        Assert.Equal(0, file.Read(new byte[16]));
    }
}
