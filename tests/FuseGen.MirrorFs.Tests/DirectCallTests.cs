using System;
using System.IO;
using System.Text;
using FuseGen.MirrorFs.Tests.Infrastructure;
using Xunit;
using static FuseGen.MirrorFs.Tests.Infrastructure.DirectCaller;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// The operations the kernel never sends to MirrorFs, called through the generated entry points of its operation
/// table instead:
/// <list type="bullet">
/// <item>read and write: libfuse calls read_buf and write_buf whenever a filesystem has them (MirrorFs does, for
/// zero-copy), so [Read] and [Write] are unreachable through a mount;</item>
/// <item>access: with default_permissions (MirrorFs's default) the kernel checks permissions itself and never
/// sends FUSE_ACCESS.</item>
/// </list>
/// bmap (fuseblk mounts only), ioctl, poll and destroy are not implemented by MirrorFs and stay empty in the table.
/// </summary>
public sealed unsafe class DirectCallTests : IDisposable
{
    private const int O_RDONLY = 0, O_RDWR = 2, R_OK = 4, W_OK = 2, F_OK = 0;
    private readonly string source;
    private readonly int sourceDescriptor;
    private readonly DirectCaller caller;

    public DirectCallTests()
    {
        source = Directory.CreateTempSubdirectory("fusegen-mirror-direct-").FullName;
        File.SetUnixFileMode(source, (UnixFileMode)0x1ED); // searchable by the other caller
        sourceDescriptor = Posix.Open(source, Posix.O_PATH | Posix.O_DIRECTORY);
        caller = new DirectCaller(new global::MirrorFs.MirrorFs(sourceDescriptor));
    }

    private ref FuseGen.Interop.FuseOperations Table => ref caller.Operations;

    [Fact]
    public void ReadReadsWithPreadOnTheOpenDescriptor()
    {
        File.WriteAllText(Path.Combine(source, "file"), "0123456789abcdef");
        var path = Text("/file");
        var info = FileInfo(O_RDONLY);
        var buffer = stackalloc byte[64];
        try
        {
            Assert.Equal(0, Table.open(path, info));
            Assert.NotEqual(0UL, *(ulong*)(info + 16));

            Assert.Equal(6, Table.read(path, buffer, 6, 10, info));
            Assert.Equal("abcdef", Encoding.ASCII.GetString(buffer, 6));
            Assert.Equal(16, Table.read(path, buffer, 64, 0, info)); // short only at the end of the file
            Assert.Equal(0, Table.read(path, buffer, 64, 100, info));

            // The descriptor, not the path: the file renamed away is still read.
            File.Move(Path.Combine(source, "file"), Path.Combine(source, "moved"));
            Assert.Equal(4, Table.read(path, buffer, 4, 0, info));
            Assert.Equal(0, Table.release(path, info));
            Assert.Equal(-(int)Errno.EBADF, Table.read(path, buffer, 4, 0, info)); // released handles are gone
        }
        finally
        {
            Free(path);
            Free(info);
        }
    }

    [Fact]
    public void WriteWritesWithPwriteOnTheOpenDescriptor()
    {
        File.WriteAllText(Path.Combine(source, "file"), "..........");
        var path = Text("/file");
        var info = FileInfo(O_RDWR);
        var data = Encoding.ASCII.GetBytes("XYZ");
        try
        {
            Assert.Equal(0, Table.open(path, info));
            fixed (byte* bytes = data)
            {
                Assert.Equal(3, Table.write(path, bytes, 3, 4, info));
                Assert.Equal(3, Table.write(path, bytes, 3, 12, info));
            }

            Assert.Equal(0, Table.release(path, info));
            Assert.Equal("....XYZ...\0\0XYZ", File.ReadAllText(Path.Combine(source, "file")));
        }
        finally
        {
            Free(path);
            Free(info);
        }
    }

    [Fact]
    public void OpenOfAMissingFileAnswersENOENT()
    {
        var path = Text("/missing");
        var info = FileInfo(O_RDONLY);
        try
        {
            Assert.Equal(-(int)Errno.ENOENT, Table.open(path, info));
            Assert.Equal(0UL, *(ulong*)(info + 16));
        }
        finally
        {
            Free(path);
            Free(info);
        }
    }

    [Fact]
    public void AccessIsCheckedForTheCaller()
    {
        File.WriteAllText(Path.Combine(source, "private"), "");
        File.SetUnixFileMode(Path.Combine(source, "private"), (UnixFileMode)0x180);
        File.WriteAllText(Path.Combine(source, "public"), "");
        File.SetUnixFileMode(Path.Combine(source, "public"), (UnixFileMode)0x1A4);
        var privatePath = Text("/private");
        var publicPath = Text("/public");
        var missing = Text("/missing");
        try
        {
            Assert.Equal(0, Table.access(privatePath, R_OK | W_OK));
            Assert.Equal(-(int)Errno.ENOENT, Table.access(missing, F_OK));

            caller.SetCaller(Shell.User, Shell.User, Environment.ProcessId, 0x12);
            Assert.Equal(-(int)Errno.EACCES, Table.access(privatePath, R_OK));
            Assert.Equal(0, Table.access(publicPath, R_OK));
            Assert.Equal(-(int)Errno.EACCES, Table.access(publicPath, W_OK));
            Assert.Equal(0, Table.access(publicPath, F_OK));

            // The thread's own credentials are back: root creates root's files again.
            File.WriteAllText(Path.Combine(source, "after"), "");
            Assert.Equal(0u, Posix.Stat(Path.Combine(source, "after")).Uid);
        }
        finally
        {
            Free(privatePath);
            Free(publicPath);
            Free(missing);
        }
    }

    [Fact]
    public void TheTableHoldsEveryForwardedOperationAndNothingElse()
    {
        var table = Table;
        Assert.True(table.read != null && table.write != null && table.read_buf != null && table.write_buf != null);
        Assert.True(table.getattr != null && table.readlink != null && table.mknod != null && table.mkdir != null && table.unlink != null);
        Assert.True(table.rmdir != null && table.symlink != null && table.rename != null && table.link != null && table.chmod != null);
        Assert.True(table.chown != null && table.truncate != null && table.open != null && table.statfs != null && table.flush != null);
        Assert.True(table.release != null && table.fsync != null && table.setxattr != null && table.getxattr != null && table.listxattr != null);
        Assert.True(table.removexattr != null && table.opendir != null && table.readdir != null && table.releasedir != null && table.fsyncdir != null);
        Assert.True(table.init != null && table.access != null && table.create != null && table.@lock != null && table.utimens != null);
        Assert.True(table.flock != null && table.fallocate != null && table.copy_file_range != null && table.lseek != null);
        Assert.True(table.bmap == null && table.ioctl == null && table.poll == null && table.destroy == null);
    }

    public void Dispose()
    {
        caller.Dispose();
        Posix.close(sourceDescriptor);
        Directory.Delete(source, recursive: true);
    }
}
