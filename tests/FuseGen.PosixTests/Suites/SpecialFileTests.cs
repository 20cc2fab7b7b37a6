using System.IO;
using System.Net.Sockets;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>mknod: FIFOs, devices, sockets and plain files.</summary>
public sealed class SpecialFileTests : PosixSuite
{
    public SpecialFileTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Fifo_carries_data_between_its_ends(string target)
    {
        var fifo = Path.Combine(Directory(target), "pipe");
        Sys.Mknod(fifo, LibC.S_IFIFO | 0x1A4);
        var stat = Sys.LStat(fifo);
        Assert.Equal(LibC.S_IFIFO, stat.Type);
        Assert.Equal(0x1A4u, stat.Permissions);

        var reader = Sys.Open(fifo, LibC.O_RDONLY | LibC.O_NONBLOCK);
        var writer = Sys.Open(fifo, LibC.O_WRONLY);
        Sys.Write(writer, "through the pipe"u8);
        var buffer = new byte[64];
        var count = Sys.Read(reader, buffer);
        Assert.Equal("through the pipe"u8.ToArray(), buffer[..count]);
        Sys.Close(writer);
        Sys.Close(reader);
        Assert.Equal(0, Sys.LStat(fifo).Size);
    }

    [Theory, Control, Mounted]
    public void Device_nodes_keep_their_numbers(string target)
    {
        var dir = Directory(target);
        Sys.Mknod(Path.Combine(dir, "null"), LibC.S_IFCHR | 0x1B6, LibC.MakeDevice(1, 3));
        Sys.Mknod(Path.Combine(dir, "disk"), LibC.S_IFBLK | 0x180, LibC.MakeDevice(259, 70000));
        Sys.Mknod(Path.Combine(dir, "plain"), LibC.S_IFREG | 0x1A4);

        var chr = Sys.LStat(Path.Combine(dir, "null"));
        Assert.Equal((LibC.S_IFCHR, 1u, 3u), (chr.Type, chr.DeviceMajor, chr.DeviceMinor));
        var blk = Sys.LStat(Path.Combine(dir, "disk"));
        Assert.Equal((LibC.S_IFBLK, 259u, 70000u), (blk.Type, blk.DeviceMajor, blk.DeviceMinor));
        var plain = Sys.LStat(Path.Combine(dir, "plain"));
        Assert.Equal((LibC.S_IFREG, 0L), (plain.Type, plain.Size));
        Assert.Equal(Errno.EEXIST, Sys.Fails(() => Sys.Mknod(Path.Combine(dir, "plain"), LibC.S_IFIFO | 0x1A4)));
    }

    [Theory, Control, Mounted]
    public void Unix_sockets_bind_and_connect(string target)
    {
        var here = Directory(target);
        var path = Path.Combine(here, "socket");

        // sun_path holds 108 bytes and test directories can be deeper: bind and connect through the directory's
        // descriptor (/proc/self/fd/N/socket), which names the same place in the filesystem under test.
        var directory = Sys.Open(here, LibC.O_PATH | LibC.O_DIRECTORY);
        try
        {
            var endPoint = new UnixDomainSocketEndPoint($"/proc/self/fd/{directory}/socket");
            using var server = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            server.Bind(endPoint);
            server.Listen(1);
            Assert.Equal(LibC.S_IFSOCK, Sys.LStat(path).Type);

            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(endPoint);
            using var accepted = server.Accept();
            client.Send("hi"u8);
            var buffer = new byte[2];
            Assert.Equal(2, accepted.Receive(buffer));
            Assert.Equal("hi"u8.ToArray(), buffer);
        }
        finally
        {
            Sys.Close(directory);
        }
    }
}

