using System;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen.Interop;
using FuseGen.Marshalling;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// The inode readdir writes <c>struct fuse_dirent</c> records itself instead of calling libfuse's
/// <c>fuse_add_direntry</c>: byte for byte what libfuse writes, and the same size asked for when the record does not fit.
/// </summary>
public sealed unsafe class DirentWriterTests
{
    private const int Room = 512;

    [Theory]
    [InlineData("a", 2ul, FileType.Regular, 1L)]
    [InlineData("seven77", 0xffffffffUL, FileType.Directory, 7L)]
    [InlineData("eight888", 42ul, FileType.SymbolicLink, long.MaxValue)]
    [InlineData("a name of twenty-one", ulong.MaxValue, FileType.Socket, -1L)]
    [InlineData("ünïcode-ñame", 9ul, FileType.CharacterDevice, 3L)]
    public void Writes_what_fuse_add_direntry_writes(string text, ulong inode, FileType type, long nextOffset)
    {
        var name = Encoding.UTF8.GetBytes(text);
        var ours = new byte[Room];
        var libfuse = new byte[Room];
        ours.AsSpan().Fill(0xAA);
        libfuse.AsSpan().Fill(0xAA);
        var stat = stackalloc byte[NativeStat.MaxSize];
        NativeStat.Write(new Stat { Inode = inode, Mode = (uint)type | 0x1A4 }, stat);
        var terminated = Encoding.UTF8.GetBytes(text + "\0");

        nuint written, expected;
        fixed (byte* destination = ours, reference = libfuse, nameBytes = terminated)
        {
            written = DirectoryEntryWriter.WriteDirent(destination, Room, name, name.Length, inode, (uint)type | 0x1A4, nextOffset);
            expected = fuse_add_direntry(null, reference, Room, nameBytes, stat, nextOffset);
        }

        Assert.Equal(expected, written);
        Assert.Equal(libfuse, ours);
    }

    [Fact]
    public void Asks_for_the_same_size_and_writes_nothing_when_the_record_does_not_fit()
    {
        var name = "does-not-fit"u8.ToArray();
        var ours = new byte[Room];
        var libfuse = new byte[Room];
        var stat = stackalloc byte[NativeStat.MaxSize];
        NativeStat.Write(new Stat { Inode = 5, Mode = (uint)FileType.Regular }, stat);
        var terminated = Encoding.ASCII.GetBytes("does-not-fit\0");

        nuint written, expected;
        fixed (byte* destination = ours, reference = libfuse, nameBytes = terminated)
        {
            written = DirectoryEntryWriter.WriteDirent(destination, 16, name, name.Length, 5, (uint)FileType.Regular, 1);
            expected = fuse_add_direntry(null, reference, 16, nameBytes, stat, 1);
        }

        Assert.Equal(expected, written);
        Assert.Equal(new byte[Room], ours);
        Assert.Equal(new byte[Room], libfuse);
    }

    [DllImport("libfuse3.so.3")]
    private static extern nuint fuse_add_direntry(void* request, byte* buffer, nuint size, byte* name, void* stat, long offset);
}
