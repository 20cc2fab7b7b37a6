using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using FuseGen.Tests.Native;
using Xunit;

namespace FuseGen.Tests;

/// <summary>
/// <see cref="Statx"/> is <c>struct statx</c> itself (libfuse's buffer is handed over by reference), and
/// <see cref="StatxMask"/>/<see cref="StatxFlags"/> the kernel's values: compared with &lt;linux/stat.h&gt; by
/// Native/statx.c. The uapi structure has fixed-size members, so one layout serves x86_64 and arm64.
/// </summary>
public sealed class StatxLayoutTests
{
    private static readonly Dictionary<string, ulong> Values = new(StringComparer.Ordinal)
    {
        ["STATX_TYPE"] = (ulong)StatxMask.Type,
        ["STATX_MODE"] = (ulong)StatxMask.Mode,
        ["STATX_NLINK"] = (ulong)StatxMask.Links,
        ["STATX_UID"] = (ulong)StatxMask.Uid,
        ["STATX_GID"] = (ulong)StatxMask.Gid,
        ["STATX_ATIME"] = (ulong)StatxMask.AccessTime,
        ["STATX_MTIME"] = (ulong)StatxMask.ModificationTime,
        ["STATX_CTIME"] = (ulong)StatxMask.ChangeTime,
        ["STATX_INO"] = (ulong)StatxMask.Inode,
        ["STATX_SIZE"] = (ulong)StatxMask.Size,
        ["STATX_BLOCKS"] = (ulong)StatxMask.Blocks,
        ["STATX_BASIC_STATS"] = (ulong)StatxMask.BasicStats,
        ["STATX_BTIME"] = (ulong)StatxMask.BirthTime,
        ["STATX_MNT_ID"] = (ulong)StatxMask.MountId,
        ["STATX_DIOALIGN"] = (ulong)StatxMask.DirectIoAlignment,
        ["AT_SYMLINK_NOFOLLOW"] = (ulong)StatxFlags.SymlinkNoFollow,
        ["AT_NO_AUTOMOUNT"] = (ulong)StatxFlags.NoAutomount,
        ["AT_EMPTY_PATH"] = (ulong)StatxFlags.EmptyPath,
        ["AT_STATX_FORCE_SYNC"] = (ulong)StatxFlags.ForceSync,
        ["AT_STATX_DONT_SYNC"] = (ulong)StatxFlags.DontSync,
    };

    [NativeFact(NativeNeeds.Gcc | NativeNeeds.FuseHeaders)]
    public void Statx_is_struct_statx_of_linux_stat_h()
    {
        var output = NativeToolchain.CompileAndRun(Path.Combine(AppContext.BaseDirectory, "Native", "statx.c"));
        var offsets = ManagedLayout.Offsets(typeof(Statx));
        var compared = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ');
            switch (words[0])
            {
                case "size" when words[1] == "statx":
                    Assert.Equal(Number(words[2]), Unsafe.SizeOf<Statx>());
                    Assert.Equal(Number(words[2]), ManagedLayout.SizeOf(typeof(Statx)));
                    break;
                case "size" when words[1] == "statx_timestamp":
                    Assert.Equal(Number(words[2]), offsets["stx_btime"] - offsets["stx_atime"]);
                    break;
                case "offset":
                    Assert.True(offsets.TryGetValue(words[2], out var offset), $"Statx has no {words[2]}");
                    Assert.True(Number(words[3]) == offset, $"{words[2]} is at {words[3]} in <linux/stat.h>, at {offset} in Statx");
                    break;
                case "value":
                    Assert.True(Values.TryGetValue(words[1], out var value), $"statx.c printed {words[1]}, which has no managed counterpart here");
                    Assert.True(ulong.Parse(words[2], CultureInfo.InvariantCulture) == value, $"{words[1]} is {words[2]} in the kernel headers, {value} in FuseGen");
                    break;
                default:
                    Assert.Fail($"statx.c printed an unknown line: '{line}'");
                    break;
            }

            compared++;
        }

        Assert.Equal(2 + 22 + Values.Count, compared);
    }

    [Fact]
    public void Statx_is_256_bytes_without_a_compiler()
    {
        Assert.Equal(256, Unsafe.SizeOf<Statx>());
        var offsets = ManagedLayout.Offsets(typeof(Statx));
        Assert.Equal(80, offsets["stx_btime"]);
        Assert.Equal(156, offsets["stx_dio_offset_align"]);
    }

    [Fact]
    public void Setting_a_field_reports_it_in_the_mask()
    {
        var statx = default(Statx);
        statx.BirthTime = new TimeSpec(5, 6);
        Assert.Equal(StatxMask.BirthTime, statx.Mask);

        statx.Type = FileType.Regular;
        Assert.Equal(StatxMask.BirthTime | StatxMask.Type | StatxMask.Mode, statx.Mask);
        statx.BlockSize = 4096;
        statx.Attributes = 0x10;
        Assert.Equal(StatxMask.BirthTime | StatxMask.Type | StatxMask.Mode, statx.Mask);
        Assert.Equal(new TimeSpec(5, 6), statx.BirthTime);
    }

    [Fact]
    public void Basic_stats_come_from_a_Stat()
    {
        var stat = new Stat
        {
            Mode = (uint)FileType.CharacterDevice | 0x1A4,
            Links = 3,
            Uid = 1000,
            Gid = 100,
            Inode = 77,
            Size = 1000,
            DeviceNumber = (0x12345ul & 0xFFFul) << 8 | (0x12345ul & ~0xFFFul) << 32 | (0x6789Aul & 0xFFul) | (0x6789Aul & ~0xFFul) << 12, // makedev(0x12345, 0x6789A)
            AccessTime = new TimeSpec(1, 2),
            ModificationTime = new TimeSpec(3, 4),
            ChangeTime = new TimeSpec(5, 6),
        };
        var statx = default(Statx);

        statx.SetBasicStats(stat);

        Assert.Equal(StatxMask.BasicStats, statx.Mask);
        Assert.Equal(FileType.CharacterDevice, statx.Type);
        Assert.Equal((UnixFileMode)0x1A4, statx.Permissions);
        Assert.Equal((3u, 1000u, 100u, 77ul, 1000L, 2L), (statx.Links, statx.Uid, statx.Gid, statx.Inode, statx.Size, statx.Blocks));
        Assert.Equal((0x12345u, 0x6789Au), (statx.DeviceMajor, statx.DeviceMinor));
        Assert.Equal((new TimeSpec(1, 2), new TimeSpec(3, 4), new TimeSpec(5, 6)), (statx.AccessTime, statx.ModificationTime, statx.ChangeTime));
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
