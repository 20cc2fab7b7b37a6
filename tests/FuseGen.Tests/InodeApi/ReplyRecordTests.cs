using System;
using System.Runtime.InteropServices;
using FuseGen.Interop;
using FuseGen.Interop.Native;
using FuseGen.Marshalling;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// The records FuseGen writes into reply buffers that are not cleared first (the thread's reply buffer, stack
/// buffers): every byte of the record is written, padding and unused fields zero, and nothing past its end touched.
/// </summary>
public sealed unsafe class ReplyRecordTests
{
    private const byte Dirty = 0xA5;

    // The lengths DirentWriterTests' comparison with libfuse does not cover: an empty name (its padding store
    // overlaps the header), a whole padding word, the longest name a filesystem usually has.
    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(255)]
    public void A_dirent_is_the_kernel_record_with_zero_padding_and_nothing_written_after_it(int nameLength)
    {
        var name = new byte[nameLength];
        for (var i = 0; i < name.Length; i++)
        {
            name[i] = (byte)('a' + (i % 26));
        }

        var buffer = new byte[512];
        buffer.AsSpan().Fill(Dirty);
        nuint written;
        fixed (byte* start = buffer)
        {
            written = DirectoryEntryWriter.WriteDirent(start, (nuint)buffer.Length, name, nameLength, 0x1122334455667788, (uint)FileType.Directory, 42);
        }

        var padded = (24 + nameLength + 7) & ~7;
        Assert.Equal((nuint)padded, written);
        Assert.Equal(0x1122334455667788UL, BitConverter.ToUInt64(buffer, 0));
        Assert.Equal(42L, BitConverter.ToInt64(buffer, 8));
        Assert.Equal((uint)nameLength, BitConverter.ToUInt32(buffer, 16));
        Assert.Equal(4U, BitConverter.ToUInt32(buffer, 20)); // DT_DIR
        Assert.Equal(name, buffer.AsSpan(24, nameLength).ToArray());
        Assert.All(buffer.AsSpan(24 + nameLength, padded - 24 - nameLength).ToArray(), b => Assert.Equal(0, b));
        Assert.All(buffer.AsSpan(padded).ToArray(), b => Assert.Equal(Dirty, b));
    }

    [Fact]
    public void A_native_stat_written_over_old_bytes_holds_the_stat_and_zero_elsewhere()
    {
        var stat = new Stat
        {
            Inode = 7,
            Mode = 0x81A4,
            Links = 3,
            Uid = 1000,
            Gid = 100,
            DeviceNumber = 9,
            Size = 1025,
            BlockSize = 4096,
            AccessTime = new TimeSpec(1, 2),
            ModificationTime = new TimeSpec(3, 4),
            ChangeTime = new TimeSpec(5, 6),
        };
        var dirty = new byte[NativeStat.MaxSize];
        dirty.AsSpan().Fill(Dirty);
        var clean = new byte[NativeStat.MaxSize];
        fixed (byte* overwritten = dirty)
        fixed (byte* zeroed = clean)
        {
            NativeStat.Write(in stat, overwritten);
            NativeStat.Write(in stat, zeroed);
            if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
            {
                var native = (stat_x86_64*)overwritten;
                Assert.Equal(7UL, native->st_ino);
                Assert.Equal(3UL, native->st_nlink);
                Assert.Equal(3L, native->st_blocks);
                Assert.Equal(5L, native->st_ctim.tv_sec);
                Assert.Equal(6L, native->st_ctim.tv_nsec);
            }
        }

        // Every byte of the structure is written: what the buffer held before cannot show through.
        var size = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? sizeof(stat_x86_64) : sizeof(stat_aarch64);
        Assert.Equal(clean.AsSpan(0, size).ToArray(), dirty.AsSpan(0, size).ToArray());
    }
}
