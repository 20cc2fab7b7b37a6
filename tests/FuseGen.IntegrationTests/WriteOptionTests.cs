using System;
using System.IO;
using System.Threading.Tasks;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>MountOptions.MaxWrite and WritebackCache reach the kernel: they change how writes arrive.</summary>
[Collection(MountCollection.Name)]
public sealed class WriteOptionTests : MountTest
{
    private const int Block = 4096;

    public WriteOptionTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public async Task Max_write_caps_every_write_request()
    {
        var fileSystem = new WriteSizeFs();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using (Fuse.Mount(fileSystem, mountPoint.Path, new MountOptions { MaxWrite = 64 * 1024 }))
        {
            await WriteAsync(Path.Combine(mountPoint.Path, WriteSizeFs.FileName), blocks: 256, blockSize: Block * 64);
        }

        Assert.Equal(64u * 1024, fileSystem.MaxWriteAtInit);
        Assert.Equal(64 * 1024, fileSystem.Largest);
        Assert.True(fileSystem.Writes >= 256 * 4, $"{fileSystem.Writes} WRITE requests for 64 MiB in 64 KiB requests");
    }

    [MountFact]
    public async Task Without_the_writeback_cache_every_small_write_is_a_request()
    {
        var fileSystem = new WriteSizeFs();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using (Fuse.Mount(fileSystem, mountPoint.Path, new MountOptions()))
        {
            await WriteAsync(Path.Combine(mountPoint.Path, WriteSizeFs.FileName), blocks: 256, blockSize: Block);
        }

        Assert.False(fileSystem.WritebackCacheAtInit);
        Assert.Equal(256, fileSystem.Writes);
        Assert.Equal(Block, fileSystem.Largest);
    }

    [MountFact]
    public async Task The_writeback_cache_merges_small_writes()
    {
        var fileSystem = new WriteSizeFs();
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using (Fuse.Mount(fileSystem, mountPoint.Path, new MountOptions { WritebackCache = true }))
        {
            await WriteAsync(Path.Combine(mountPoint.Path, WriteSizeFs.FileName), blocks: 256, blockSize: Block);
        }

        Assert.True(fileSystem.WritebackCacheAtInit);
        Assert.True(fileSystem.Largest > Block, $"largest WRITE {fileSystem.Largest} bytes: 4 KiB writes were not merged");
        Assert.True(fileSystem.Writes < 256, $"{fileSystem.Writes} WRITE requests for 256 writes of 4 KiB");
    }

    // Sequential write()s of blockSize bytes, then fsync: what reached the filesystem by then is all of it.
    private static async Task WriteAsync(string path, int blocks, int blockSize)
    {
        var data = new byte[blockSize];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        for (var i = 0; i < blocks; i++)
        {
            await file.WriteAsync(data);
        }

        file.Flush(flushToDisk: true);
        Assert.Equal((long)blocks * blockSize, new System.IO.FileInfo(path).Length);
    }
}
