using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Marshalling;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace FuseGen.IntegrationTests;

/// <summary>
/// The inode twin of <see cref="OperationCoverageTests"/>: every member of <c>struct fuse_lowlevel_ops</c> reached by a
/// named test, through the kernel with ordinary system calls on an in-process mount of <see cref="InodeCoverageFs"/>,
/// or, for what the kernel never sends here, by calling the generated entry point from the operation table. The last
/// test runs all the others and prints the table.
/// </summary>
[Collection(MountCollection.Name)]
public sealed unsafe class InodeOperationCoverageTests : MountTest
{
    private const long UtimeNow = (1L << 30) - 1;
    private const long UtimeOmit = (1L << 30) - 2;

    public InodeOperationCoverageTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Setattr_carries_chmod_chown_truncate_and_utimens()
    {
        var fs = new InodeCoverageFs();
        using var mount = CoverageMount.Start(fs, Output);
        CreateFile(mount["file"], new byte[100]);

        Assert.Equal(0, LibC.chmod(mount["file"], 0x1C0) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        Assert.Equal(0, LibC.Chown(mount["file"], 1234, 567));
        Assert.Equal(0, LibC.Truncate(mount["file"], 10));
        var times = stackalloc LibC.Timespec[2];
        times[0] = new LibC.Timespec { Seconds = 0, Nanoseconds = UtimeNow };
        times[1] = new LibC.Timespec { Seconds = 981173106, Nanoseconds = 5 };
        Assert.Equal(0, LibC.utimensat(LibC.AT_FDCWD, mount["file"], times, 0));
        times[0] = new LibC.Timespec { Seconds = 0, Nanoseconds = UtimeOmit };
        times[1] = new LibC.Timespec { Seconds = 0, Nanoseconds = UtimeNow };
        Assert.Equal(0, LibC.utimensat(LibC.AT_FDCWD, mount["file"], times, 0));

        var (fd, errno) = LibC.Open(mount["file"], LibC.O_WRONLY);
        Assert.Equal(0, errno);
        Assert.Equal(0, LibC.ftruncate(fd, 4) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        LibC.Close(fd);

        var stat = LibC.Stat(mount["file"]).Stat;
        Assert.Equal((0x1C0u, 4L), (stat.Permissions, stat.Size));
        var node = fs.Find("file")!;
        Assert.Equal((1234u, 567u), (node.Attributes.Uid, node.Attributes.Gid));
        var calls = fs.SetattrCalls.ToArray();
        Output.WriteLine(string.Join(Environment.NewLine, calls.Select(c => c.ToString())));
        Assert.Contains(calls, c => c.Permissions == (UnixFileMode)0x1C0);
        Assert.Contains(calls, c => c.Uid == 1234 && c.Gid == 567);
        Assert.Contains(calls, c => c.Size == 10);
        Assert.Contains(calls, c => c.AccessTime.IsNow && c.ModificationTime == new TimeSpec(981173106, 5));
        Assert.Contains(calls, c => c.AccessTime.IsOmit && c.ModificationTime.IsNow);
        Assert.Contains(calls, c => c.Size == 4);
        Assert.Equal(new TimeSpec(981173106, 5).Seconds, calls.First(c => c.ModificationTime.Seconds == 981173106).ModificationTime.Seconds);
        Assert.True(node.Attributes.ModificationTime.Seconds > 981173106, "UTIME_NOW applied as the current time");
        AssertCalled(fs.Calls, "setattr", "create", "lookup", "getattr");
    }

    private static void AssertCalled(OperationLog calls, params string[] operations)
    {
        var missing = operations.Where(operation => calls[operation] == 0).ToList();
        Assert.True(missing.Count == 0, $"not reached: {string.Join(", ", missing)}");
    }

    private static void CreateFile(string path, ReadOnlySpan<byte> data)
    {
        var (fd, errno) = LibC.Open(path, LibC.O_WRONLY | LibC.O_CREAT);
        Assert.True(errno == 0, $"open {path}: errno {errno}");
        try
        {
            if (!data.IsEmpty)
            {
                Assert.Equal(((long)data.Length, 0), LibC.PWrite(fd, data, 0));
            }
        }
        finally
        {
            LibC.Close(fd);
        }
    }
}
