using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Interop.Native;
using FuseGen.Tests.Native;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests;

/// <summary>The managed mirrors in Interop/Native against the installed C headers (Native/layout.c).</summary>
[Collection(GlobalStateCollection.Name)]
public sealed class LayoutTests
{
    private const NativeNeeds Compiler = NativeNeeds.Gcc | NativeNeeds.FuseHeaders;

    /// <summary>
    /// Mirror fields that have no C member of their own, with the check that covers them instead.
    /// </summary>
    private static readonly Dictionary<(string Struct, string Field), string> WithoutCounterpart = new()
    {
        [("fuse_file_info", "bits")] = "the bit-field word at offset 4; checked by File_info_bits_match_the_headers",
        [("fuse_file_info", "padding2")] = "the 32-bit bit-field padding2; checked by File_info_bits_match_the_headers",
        [("fuse_file_info", "padding3")] = "alignment padding before fh; checked by File_info_bits_match_the_headers",
        [("fuse_lowlevel_ops", "tmpfile")] = "a libfuse 3.17 member, absent from older headers; checked by Low_level_table_size_is_the_member_count_of_the_installed_version",
        [("fuse_lowlevel_ops", "statx")] = "a libfuse 3.18 member, absent from older headers; checked by Low_level_table_size_is_the_member_count_of_the_installed_version",
        [("fuse_operations", "statx")] = "a libfuse 3.18 member, absent from older headers; checked by Operation_table_size_is_the_member_count_of_the_installed_version",
        [("fuse_operations", "syncfs")] = "a libfuse 3.19 member, absent from older headers; checked by Operation_table_size_is_the_member_count_of_the_installed_version",
    };

    /// <summary>C structs that FuseGen mirrors only in part, so their sizes differ on purpose.</summary>
    private static readonly HashSet<string> LeadingPartOnly = new() { "fuse_config", "fuse_lowlevel_ops", "fuse_operations" };

    public static TheoryData<string> MirroredStructs => new()
    {
        "stat", "timespec", "statvfs", "fuse_context", "fuse_file_info", "fuse_conn_info", "fuse_config",
        "fuse_loop_config_v1", "fuse_args", "fuse_operations", "fuse_entry_param", "fuse_ctx", "fuse_forget_data",
        "fuse_lowlevel_ops",
    };

    [NativeTheory(Compiler)]
    [MemberData(nameof(MirroredStructs))]
    public void Mirror_matches_the_C_headers(string cName) =>
        AssertMirrorMatches(CLayout.FromInstalledHeaders(), cName, RuntimeInformation.ProcessArchitecture);

    /// <summary>
    /// Compares the mirror of <paramref name="cName"/> for <paramref name="architecture"/> with what layout.c printed.
    /// The managed side is measured in this process: the mirrors are sequential structs of fixed-size integers and
    /// pointers, which the runtime lays out alike on every 64-bit architecture; only struct stat has one per
    /// architecture.
    /// </summary>
    internal static void AssertMirrorMatches(CLayout c, string cName, Architecture architecture)
    {
        var mirror = MirrorOf(cName, architecture);
        Assert.True(c.Offsets.TryGetValue(cName, out var cOffsets), $"layout.c printed no offsets of struct {cName}");
        var managed = ManagedLayout.Offsets(mirror);
        var problems = new List<string>();

        if (!LeadingPartOnly.Contains(cName))
        {
            Assert.True(c.Sizes.TryGetValue(cName, out var cSize), $"layout.c printed no size of struct {cName}");
            var size = ManagedLayout.SizeOf(mirror);
            if (size != cSize)
            {
                problems.Add($"sizeof: C {cSize}, {mirror.Name} {size}");
            }
        }

        foreach (var (member, offset) in cOffsets!)
        {
            if (!managed.TryGetValue(member, out var managedOffset))
            {
                problems.Add($"{member}: at {offset} in C, missing from {mirror.Name}");
            }
            else if (managedOffset != offset)
            {
                problems.Add($"{member}: C offset {offset}, {mirror.Name} offset {managedOffset}");
            }
        }

        foreach (var field in managed.Keys.Where(f => !cOffsets.ContainsKey(f) && !WithoutCounterpart.ContainsKey((cName, f))))
        {
            problems.Add($"{field}: in {mirror.Name} but layout.c prints no such member of struct {cName}");
        }

        Assert.True(problems.Count == 0, $"struct {cName} vs {mirror.Name}:\n  " + string.Join("\n  ", problems));
    }

    [NativeFact(Compiler)]
    public void Headers_and_library_are_the_same_version()
    {
        var c = CLayout.FromInstalledHeaders();
        var library = LibFuse.ParseVersion(c.LibraryVersion);
        Assert.Equal(3, library.Major);
        Assert.Equal(c.HeaderVersion, $"{library.Major}.{library.Minor}");
    }

    [NativeFact(Compiler)]
    public void File_info_bits_match_the_headers() => AssertFileInfoBitsMatch(CLayout.FromInstalledHeaders());

    /// <summary>Compares the bit positions of FileInfoBits, for the version layout.c ran against, with the ones it printed.</summary>
    internal static void AssertFileInfoBitsMatch(CLayout c)
    {
        var fields = ManagedLayout.Offsets(typeof(fuse_file_info));

        // The C program counts bits from the word at offset 4: that is where the mirror's bits word must be.
        Assert.Equal(4, fields["bits"]);
        Assert.Equal(fields["bits"] + c.FileInfoBits["padding2"] / 8, fields["padding2"]);
        Assert.Equal(0, c.FileInfoBits["padding2"] % 32);
        Assert.True(fields["padding3"] + sizeof(uint) <= c.Offsets["fuse_file_info"]["fh"], "padding3 overlaps fh");

        var version = LibFuse.ParseVersion(c.LibraryVersion);
        try
        {
            FileInfoBits.Select(version);
            var expected = new Dictionary<string, int>
            {
                ["writepage"] = FileInfoBits.WritePage,
                ["direct_io"] = FileInfoBits.DirectIo,
                ["keep_cache"] = FileInfoBits.KeepCache,
                ["flush"] = FileInfoBits.Flush,
                ["nonseekable"] = FileInfoBits.NonSeekable,
                ["flock_release"] = FileInfoBits.FlockRelease,
                ["cache_readdir"] = FileInfoBits.CacheReaddir,
                ["noflush"] = FileInfoBits.NoFlush,
            };
            foreach (var (member, bit) in expected)
            {
                Assert.True(c.FileInfoBits.TryGetValue(member, out var cBit), $"layout.c printed no bit for {member}");
                Assert.True(cBit == bit, $"fuse_file_info.{member}: bit {cBit} in the {c.LibraryVersion} headers, FileInfoBits says {bit}");
            }

            // Every bit FuseGen owns lies before the unused padding.
            Assert.True(expected.Values.Max() < c.FileInfoBits["padding"], "a FileInfoBits position lies in the padding");
        }
        finally
        {
            KernelFreeSession.RestoreFileInfoLayout();
        }
    }

    [NativeFact(Compiler)]
    public void Operation_table_size_is_the_member_count_of_the_installed_version()
    {
        var c = CLayout.FromInstalledHeaders();
        var count = LibFuse.OperationCount(LibFuse.ParseVersion(c.LibraryVersion));
        Assert.Equal(c.Sizes["fuse_operations"], count * IntPtr.Size);
        Assert.Equal(c.Offsets["fuse_operations"].Count, count);

        // The mirror declares every later member at the offset those versions append it.
        var offsets = ManagedLayout.Offsets(typeof(FuseOperations));
        Assert.Equal(42 * IntPtr.Size, offsets["statx"]);
        Assert.Equal(43 * IntPtr.Size, offsets["syncfs"]);
        Assert.Equal(FuseOperations.Count * IntPtr.Size, ManagedLayout.SizeOf(typeof(FuseOperations)));
        Assert.True(ManagedLayout.SizeOf(typeof(FuseOperations)) >= c.Sizes["fuse_operations"], "the mirror is shorter than the installed table");
    }

    [NativeFact(Compiler)]
    public void Low_level_table_size_is_the_member_count_of_the_installed_version()
    {
        var c = CLayout.FromInstalledHeaders();
        var count = LibFuse.LowLevelOperationCount(LibFuse.ParseVersion(c.LibraryVersion));
        Assert.Equal(c.Sizes["fuse_lowlevel_ops"], count * IntPtr.Size);
        Assert.Equal(c.Offsets["fuse_lowlevel_ops"].Count, count);

        // The mirror declares the later members at the offsets those versions append them.
        var offsets = ManagedLayout.Offsets(typeof(FuseLowLevelOperations));
        Assert.Equal(44 * IntPtr.Size, offsets["tmpfile"]);
        Assert.Equal(45 * IntPtr.Size, offsets["statx"]);
        Assert.Equal(FuseLowLevelOperations.Count * IntPtr.Size, ManagedLayout.SizeOf(typeof(FuseLowLevelOperations)));
    }

    [Theory]
    [InlineData("3.0", 42)]
    [InlineData("3.4", 43)]
    [InlineData("3.8", 44)]
    [InlineData("3.14.1", 44)]
    [InlineData("3.17.1", 45)]
    [InlineData("3.18.0", 46)]
    [InlineData("3.19.0", 46)]
    public void Low_level_table_is_sized_by_version(string version, int members) =>
        Assert.Equal(members, LibFuse.LowLevelOperationCount(LibFuse.ParseVersion(version)));

    [Fact]
    public void Arm64_entry_param_mirror_has_the_documented_layout()
    {
        // fuse_entry_param around the generic (arm64) struct stat; cannot be compiled here.
        var offsets = ManagedLayout.Offsets(typeof(fuse_entry_param_aarch64));
        Assert.Equal(160, ManagedLayout.SizeOf(typeof(fuse_entry_param_aarch64)));
        Assert.Equal(16, offsets["attr"]);
        Assert.Equal(144, offsets["attr_timeout"]);
        Assert.Equal(152, offsets["entry_timeout"]);
        Assert.True(NativeEntry.MaxSize >= ManagedLayout.SizeOf(typeof(fuse_entry_param_x86_64)));
    }

    [Fact]
    public void Arm64_stat_mirror_has_the_documented_layout()
    {
        // struct stat of the generic (arm64) ABI, asserted where no arm64 toolchain is installed (Arm64LayoutTests
        // compares it with the arm64 headers where one is).
        var offsets = ManagedLayout.Offsets(typeof(stat_aarch64));
        Assert.Equal(128, ManagedLayout.SizeOf(typeof(stat_aarch64)));
        Assert.Equal(0, offsets["st_dev"]);
        Assert.Equal(8, offsets["st_ino"]);
        Assert.Equal(16, offsets["st_mode"]);
        Assert.Equal(20, offsets["st_nlink"]);
        Assert.Equal(24, offsets["st_uid"]);
        Assert.Equal(28, offsets["st_gid"]);
        Assert.Equal(32, offsets["st_rdev"]);
        Assert.Equal(40, offsets["__pad1"]);
        Assert.Equal(48, offsets["st_size"]);
        Assert.Equal(56, offsets["st_blksize"]);
        Assert.Equal(64, offsets["st_blocks"]);
        Assert.Equal(72, offsets["st_atim"]);
        Assert.Equal(88, offsets["st_mtim"]);
        Assert.Equal(104, offsets["st_ctim"]);
    }

    [Fact]
    public void X86_64_stat_mirror_has_the_documented_layout()
    {
        var offsets = ManagedLayout.Offsets(typeof(stat_x86_64));
        Assert.Equal(144, ManagedLayout.SizeOf(typeof(stat_x86_64)));
        Assert.Equal(16, offsets["st_nlink"]);
        Assert.Equal(24, offsets["st_mode"]);
        Assert.Equal(28, offsets["st_uid"]);
        Assert.Equal(32, offsets["st_gid"]);
        Assert.Equal(40, offsets["st_rdev"]);
        Assert.Equal(48, offsets["st_size"]);
        Assert.Equal(56, offsets["st_blksize"]);
        Assert.Equal(64, offsets["st_blocks"]);
        Assert.Equal(72, offsets["st_atim"]);
    }

    [Fact]
    public void Stat_buffers_fit_every_architecture()
    {
        Assert.True(NativeStat.MaxSize >= ManagedLayout.SizeOf(typeof(stat_x86_64)));
        Assert.True(NativeStat.MaxSize >= ManagedLayout.SizeOf(typeof(stat_aarch64)));
        Assert.Equal(NativeStatVfs.Size, ManagedLayout.SizeOf(typeof(statvfs)));
    }

    private static Type MirrorOf(string cName, Architecture architecture) => cName switch
    {
        "stat" => architecture switch
        {
            Architecture.X64 => typeof(stat_x86_64),
            Architecture.Arm64 => typeof(stat_aarch64),
            var other => throw new PlatformNotSupportedException($"FuseGen mirrors no struct stat for {other}"),
        },
        "timespec" => typeof(timespec),
        "statvfs" => typeof(statvfs),
        "fuse_context" => typeof(fuse_context),
        "fuse_file_info" => typeof(fuse_file_info),
        "fuse_conn_info" => typeof(fuse_conn_info),
        "fuse_config" => typeof(fuse_config),
        "fuse_loop_config_v1" => typeof(fuse_loop_config_v1),
        "fuse_args" => typeof(fuse_args),
        "fuse_operations" => typeof(FuseOperations),
        "fuse_entry_param" => architecture == Architecture.Arm64 ? typeof(fuse_entry_param_aarch64) : typeof(fuse_entry_param_x86_64),
        "fuse_ctx" => typeof(fuse_ctx),
        "fuse_forget_data" => typeof(fuse_forget_data),
        "fuse_lowlevel_ops" => typeof(FuseLowLevelOperations),
        _ => throw new ArgumentOutOfRangeException(nameof(cName), cName, "no mirror"),
    };
}
