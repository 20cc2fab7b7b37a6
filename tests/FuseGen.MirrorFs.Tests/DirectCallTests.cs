using System;
using System.IO;
using System.Text;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// The operations the kernel never sends to MirrorFs, called through the generated entry points of its operation
/// table instead (<see cref="KernelFreeSession"/>):
/// <list type="bullet">
/// <item>read and write: libfuse calls read_buf and write_buf whenever a filesystem has them (MirrorFs does, for
/// zero-copy), so [Read] and [Write] are unreachable through a mount;</item>
/// <item>access: with default_permissions (MirrorFs's default with allow_other, as the mount tests use) the kernel
/// checks permissions itself and never sends FUSE_ACCESS.</item>
/// </list>
/// bmap (fuseblk mounts only), ioctl, poll and destroy are not implemented by MirrorFs and stay empty in the table.
/// </summary>
public sealed unsafe class DirectCallTests : IDisposable
{
    private const int F_OK = 0;
    private static readonly FakeCaller Root = new(0, 0, Environment.ProcessId, 0x12);
    private readonly string source;
    private readonly int sourceDescriptor;
    private readonly KernelFreeSession session;
    private readonly FuseOperations* table;

    public DirectCallTests()
    {
        source = Directory.CreateTempSubdirectory("fusegen-mirror-direct-").FullName;
        File.SetUnixFileMode(source, (UnixFileMode)0x1ED); // searchable by the other caller
        sourceDescriptor = Posix.Open(source, LibC.O_PATH | LibC.O_DIRECTORY);
        session = new KernelFreeSession();
        table = session.Serve(new global::MirrorFs.MirrorFs(sourceDescriptor));
        session.Caller = Root;
    }

    private ref FuseOperations Table => ref *table;

    [Fact]
    public void Read_reads_with_pread_on_the_open_descriptor()
    {
        File.WriteAllText(Path.Combine(source, "file"), "0123456789abcdef");
        using var path = NativeBlock.CString("/file");
        using var info = NativeBlock.FileInfo(LibC.O_RDONLY);
        using var buffer = new NativeBlock(64);

        Assert.Equal(0, Table.open(path.Pointer, info.Pointer));
        Assert.NotEqual(0UL, info.FileHandle);

        Assert.Equal(6, Table.read(path.Pointer, buffer.Pointer, 6, 10, info.Pointer));
        Assert.Equal("abcdef", Encoding.ASCII.GetString(buffer.Span[..6]));
        Assert.Equal(16, Table.read(path.Pointer, buffer.Pointer, 64, 0, info.Pointer)); // short only at the end of the file
        Assert.Equal(0, Table.read(path.Pointer, buffer.Pointer, 64, 100, info.Pointer));

        // The descriptor, not the path: the file renamed away is still read.
        File.Move(Path.Combine(source, "file"), Path.Combine(source, "moved"));
        Assert.Equal(4, Table.read(path.Pointer, buffer.Pointer, 4, 0, info.Pointer));
        Assert.Equal(0, Table.release(path.Pointer, info.Pointer));
        Assert.Equal(-(int)Errno.EBADF, Table.read(path.Pointer, buffer.Pointer, 4, 0, info.Pointer)); // released handles are gone
    }

    [Fact]
    public void Write_writes_with_pwrite_on_the_open_descriptor()
    {
        File.WriteAllText(Path.Combine(source, "file"), "..........");
        using var path = NativeBlock.CString("/file");
        using var info = NativeBlock.FileInfo(LibC.O_RDWR);
        using var data = NativeBlock.CString("XYZ");

        Assert.Equal(0, Table.open(path.Pointer, info.Pointer));
        Assert.Equal(3, Table.write(path.Pointer, data.Pointer, 3, 4, info.Pointer));
        Assert.Equal(3, Table.write(path.Pointer, data.Pointer, 3, 12, info.Pointer));

        Assert.Equal(0, Table.release(path.Pointer, info.Pointer));
        Assert.Equal("....XYZ...\0\0XYZ", File.ReadAllText(Path.Combine(source, "file")));
    }

    [Fact]
    public void Opens_and_creates_asking_for_O_DIRECT_are_served_with_direct_io_and_no_others()
    {
        File.WriteAllText(Path.Combine(source, "file"), "data");
        using var path = NativeBlock.CString("/file");
        using var created = NativeBlock.CString("/created");
        using var direct = NativeBlock.FileInfo(LibC.O_RDWR | LibC.O_DIRECT);
        using var buffered = NativeBlock.FileInfo(LibC.O_RDWR);
        using var createdDirect = NativeBlock.FileInfo(LibC.O_RDWR | LibC.O_CREAT | LibC.O_DIRECT);

        Assert.Equal(0, Table.open(path.Pointer, direct.Pointer));
        Assert.Equal(0, Table.open(path.Pointer, buffered.Pointer));
        Assert.Equal(0, Table.create(created.Pointer, 0x1A4, createdDirect.Pointer));

        // Without direct_io the kernel asks for the attributes before every O_DIRECT read (a second request per read).
        Assert.True(FuseGen.FileInfo.FromNative(direct.Pointer).DirectIo, "an O_DIRECT open is served through the page cache's O_DIRECT path");
        Assert.False(FuseGen.FileInfo.FromNative(buffered.Pointer).DirectIo, "a buffered open bypasses the page cache");
        Assert.True(FuseGen.FileInfo.FromNative(createdDirect.Pointer).DirectIo, "an O_DIRECT create is served through the page cache's O_DIRECT path");

        Assert.Equal(0, Table.release(path.Pointer, direct.Pointer));
        Assert.Equal(0, Table.release(path.Pointer, buffered.Pointer));
        Assert.Equal(0, Table.release(created.Pointer, createdDirect.Pointer));
    }

    [Fact]
    public void Open_of_a_missing_file_answers_ENOENT()
    {
        using var path = NativeBlock.CString("/missing");
        using var info = NativeBlock.FileInfo(LibC.O_RDONLY);

        Assert.Equal(-(int)Errno.ENOENT, Table.open(path.Pointer, info.Pointer));
        Assert.Equal(0UL, info.FileHandle);
    }

    [Fact]
    public void Access_is_checked_for_the_caller()
    {
        File.WriteAllText(Path.Combine(source, "private"), "");
        File.SetUnixFileMode(Path.Combine(source, "private"), (UnixFileMode)0x180);
        File.WriteAllText(Path.Combine(source, "public"), "");
        File.SetUnixFileMode(Path.Combine(source, "public"), (UnixFileMode)0x1A4);
        using var privatePath = NativeBlock.CString("/private");
        using var publicPath = NativeBlock.CString("/public");
        using var missing = NativeBlock.CString("/missing");

        Assert.Equal(0, Table.access(privatePath.Pointer, LibC.R_OK | LibC.W_OK));
        Assert.Equal(-(int)Errno.ENOENT, Table.access(missing.Pointer, F_OK));

        session.Caller = Root with { Uid = Shell.User, Gid = Shell.User };
        Assert.Equal(-(int)Errno.EACCES, Table.access(privatePath.Pointer, LibC.R_OK));
        Assert.Equal(0, Table.access(publicPath.Pointer, LibC.R_OK));
        Assert.Equal(-(int)Errno.EACCES, Table.access(publicPath.Pointer, LibC.W_OK));
        Assert.Equal(0, Table.access(publicPath.Pointer, F_OK));

        // The thread's own credentials are back: root creates root's files again.
        File.WriteAllText(Path.Combine(source, "after"), "");
        Assert.Equal(0u, Posix.Stat(Path.Combine(source, "after")).Uid);
    }

    [Fact]
    public void The_table_holds_every_forwarded_operation_and_nothing_else()
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
        session.Dispose();
        LibC.close(sourceDescriptor);
        Directory.Delete(source, recursive: true);
    }
}
