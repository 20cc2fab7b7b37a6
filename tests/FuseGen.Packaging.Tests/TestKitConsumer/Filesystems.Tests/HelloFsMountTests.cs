using FuseGen;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Filesystems.Tests;

public sealed class HelloFsMountTests(ITestOutputHelper output)
{
    [MountFact]
    public async Task Mounted_hello_lists_reads_and_answers_errno()
    {
        await using var mount = FuseTestMount.Start(new HelloFs(), log: output.WriteLine);
        output.WriteLine($"mounted at {mount.Path} by uid {Environment.GetEnvironmentVariable("USER")}");

        Assert.True(MountInfo.IsMounted(mount.Path));
        FileSystemAssert.Listing(mount.Path, "hello");
        FileSystemAssert.FileText(mount["hello"], "Hello World!\n");
        FileSystemAssert.FileBytes(mount["hello"], "Hello World!\n"u8);
        FileSystemAssert.Succeeds(Syscall.Stat(mount["hello"]));
        FileSystemAssert.Fails(Errno.ENOENT, Syscall.Stat(mount["missing"]));
    }
}
