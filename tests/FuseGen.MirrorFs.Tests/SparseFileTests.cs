using System.Security.Cryptography;
using FuseGen.MirrorFs.Tests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>A 5 GiB sparse file with 1 MiB of data at 4.5 GiB: right size and tiny allocation on both sides; holes found with lseek.</summary>
public sealed class SparseFileTests : IClassFixture<MountFixture>
{
    private const long DataAt = 4608L << 20;
    private const long DataLength = 1 << 20;
    private const long Size = 5L << 30;
    private const long Small = 16L << 20;

    private readonly MountFixture fixture;

    public SparseFileTests(MountFixture fixture) => this.fixture = fixture;

    private MirrorMount Mount => fixture.Mount;

    [MountFact(AsRoot = true)]
    public void AFiveGibibyteSparseFileStaysSparseOnBothSides()
    {
        var dir = fixture.NewDirectory("sparse");
        var file = $"{dir}/sparse";
        var data = RandomNumberGenerator.GetBytes((int)DataLength);
        var fd = Open(Mount.At(file), O_CREAT | O_RDWR, 0x1A4);
        try
        {
            WriteAll(fd, data, DataAt);
            Check(ftruncate(fd, Size), "ftruncate");

            foreach (var side in new[] { Mount.At(file), Mount.InSource(file) })
            {
                var status = Stat(side);
                Assert.Equal(Size, status.Size);
                Assert.InRange(status.Blocks * 512, DataLength, Small);
                var du = Shell.Run("du", "-B1", side);
                Assert.InRange(long.Parse(du.Output.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture), DataLength, Small);
                Assert.StartsWith(Size.ToString(System.Globalization.CultureInfo.InvariantCulture), Shell.Run("du", "-B1", "--apparent-size", side).Output);
            }

            Assert.Equal(DataAt, lseek(fd, 0, SEEK_DATA));
            Assert.Equal(DataAt + DataLength, lseek(fd, DataAt, SEEK_HOLE));
            Assert.Equal(0, lseek(fd, 0, SEEK_HOLE));
            Assert.Equal(-1, lseek(fd, DataAt + DataLength, SEEK_DATA));
            Assert.Equal(Errno.ENXIO, LastErrno);

            Assert.Equal(data, ReadAll(fd, (int)DataLength, DataAt));
            Assert.Equal(new byte[65536], ReadAll(fd, 65536, 1L << 30));
            Assert.Empty(ReadAll(fd, 10, Size));
        }
        finally
        {
            close(fd);
        }

        var source = Open(Mount.InSource(file), O_RDONLY);
        Assert.Equal(data, ReadAll(source, (int)DataLength, DataAt));
        close(source);

        // Written in the source past 4 GiB, read through the mount.
        var more = RandomNumberGenerator.GetBytes(4096);
        source = Open(Mount.InSource(file), O_WRONLY);
        WriteAll(source, more, (4L << 30) + 12345);
        close(source);
        var mounted = Open(Mount.At(file), O_RDONLY);
        Assert.Equal(more, ReadAll(mounted, 4096, (4L << 30) + 12345));
        close(mounted);
    }
}
