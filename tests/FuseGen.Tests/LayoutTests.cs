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
        [("fuse_conn_info", "bits")] = "3.17's bit-field word (no_interrupt, ...) after max_backing_stack_depth; never read",
    };

    /// <summary>
    /// Mirror members that only newer libfuse versions have, and the version that added them: with older headers the
    /// member is absent from C and FuseGen must not touch it (the runtime gates on the same version constants).
    /// </summary>
    private static readonly Dictionary<(string Struct, string Field), Version> Since = new()
    {
        [("fuse_file_info", "backing_id")] = fuse_file_info.BackingSince,
        [("fuse_file_info", "compat_flags")] = fuse_file_info.BackingSince,
        [("fuse_file_info", "reserved")] = fuse_file_info.BackingSince,
        [("fuse_conn_info", "max_backing_stack_depth")] = fuse_conn_info.ExtendedSince,
        [("fuse_conn_info", "bits")] = fuse_conn_info.ExtendedSince,
        [("fuse_conn_info", "capable_ext")] = fuse_conn_info.ExtendedSince,
        [("fuse_conn_info", "want_ext")] = fuse_conn_info.ExtendedSince,
        [("fuse_conn_info", "request_timeout")] = fuse_conn_info.RequestTimeoutSince,
        [("fuse_lowlevel_ops", "tmpfile")] = new Version(3, 17),
        [("fuse_lowlevel_ops", "statx")] = new Version(3, 18),
        [("fuse_lowlevel_ops", "syncfs")] = new Version(3, 19),
        [("fuse_operations", "statx")] = new Version(3, 18),
        [("fuse_operations", "syncfs")] = new Version(3, 19),
    };

    /// <summary>C members FuseGen never mirrors because they move between versions; it neither reads nor writes them.</summary>
    private static readonly HashSet<(string Struct, string Field)> Unmirrored = new()
    {
        ("fuse_conn_info", "reserved"), // at 40 up to 3.16, 64 in 3.17, 66 from 3.18
        ("fuse_config", "nullpath_ok"), // at 96 or 104 by version; checked by Null_path_ok_lies_where_the_headers_put_it
    };

    /// <summary>C structs that FuseGen mirrors only in part, so their sizes differ on purpose.</summary>
    private static readonly HashSet<string> LeadingPartOnly = new() { "fuse_config", "fuse_lowlevel_ops", "fuse_operations" };

    public static TheoryData<string> MirroredStructs => new()
    {
        "stat", "timespec", "statvfs", "fuse_context", "fuse_file_info", "fuse_conn_info", "fuse_config",
        "fuse_loop_config_v1", "fuse_args", "fuse_operations", "fuse_entry_param", "fuse_ctx", "fuse_forget_data",
        "fuse_lowlevel_ops",
    };

    /// <summary>
    /// The mirror against the headers of whichever libfuse is installed (or named by PKG_CONFIG_PATH): every member
    /// both have sits at the same offset, members only the mirror has are newer than the headers (and FuseGen gates
    /// them on that version), members only the headers have are ones FuseGen never touches, and where the sizes
    /// differ the difference is exactly the newer members. <c>fuse_operations</c> may go on past the mirror: FuseGen
    /// hands libfuse a zeroed table as long as the installed struct (Operation_table_size_is_the_member_count_of_the_installed_version),
    /// so members it does not bind are null.
    /// </summary>
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
        var headers = Version.Parse(c.HeaderVersion);
        var mirror = MirrorOf(cName, architecture);
        Assert.True(c.Offsets.TryGetValue(cName, out var cOffsets), $"layout.c printed no offsets of struct {cName}");
        var managed = ManagedLayout.Offsets(mirror);
        var size = ManagedLayout.SizeOf(mirror);
        var problems = new List<string>();

        // fuse_operations members past the mirror are null in the table FuseGen passes.
        var unbound = cName == "fuse_operations" ? size : int.MaxValue;
        bool NewerThanHeaders(string field) => Since.TryGetValue((cName, field), out var since) && since > headers;

        foreach (var (member, offset) in cOffsets!)
        {
            if (!managed.TryGetValue(member, out var managedOffset))
            {
                if (!Unmirrored.Contains((cName, member)) && offset < unbound)
                {
                    problems.Add($"{member}: at {offset} in C, missing from {mirror.Name}");
                }
            }
            else if (managedOffset != offset)
            {
                problems.Add($"{member}: C offset {offset}, {mirror.Name} offset {managedOffset}");
            }
            else if (NewerThanHeaders(member))
            {
                problems.Add($"{member}: the {c.HeaderVersion} headers have it, but FuseGen gates it on {Since[(cName, member)]}");
            }
        }

        foreach (var (field, offset) in managed.Where(f => !cOffsets.ContainsKey(f.Key) && !WithoutCounterpart.ContainsKey((cName, f.Key))))
        {
            if (!NewerThanHeaders(field))
            {
                problems.Add($"{field}: in {mirror.Name} but the {c.HeaderVersion} headers have no such member of struct {cName}");
            }
        }

        if (!LeadingPartOnly.Contains(cName))
        {
            Assert.True(c.Sizes.TryGetValue(cName, out var cSize), $"layout.c printed no size of struct {cName}");
            if (cName == "fuse_operations")
            {
                if (size > cSize)
                {
                    problems.Add($"sizeof: C {cSize}, {mirror.Name} {size}: the mirror binds members the installed version lacks");
                }
            }
            else if (size != cSize && !(cSize < size && managed.Where(f => f.Value >= cSize).All(f => NewerThanHeaders(f.Key))))
            {
                problems.Add($"sizeof: C {cSize}, {mirror.Name} {size}, and the difference is not members newer than {c.HeaderVersion}");
            }
        }

        Assert.True(problems.Count == 0, $"struct {cName} vs {mirror.Name} ({c.HeaderVersion} headers):\n  " + string.Join("\n  ", problems));
    }

    [NativeFact(Compiler)]
    public void Headers_and_library_are_the_same_version()
    {
        var c = CLayout.FromInstalledHeaders();
        var library = LibFuse.ParseVersion(c.LibraryVersion);
        Assert.Equal(3, library.Major);
        Assert.Equal(c.HeaderVersion, $"{library.Major}.{library.Minor}");
    }

    /// <summary>FuseConfig.NullPathOk writes past the mirrored part of fuse_config, where the headers put it for that version.</summary>
    [NativeFact(Compiler)]
    public void Null_path_ok_lies_where_the_headers_put_it()
    {
        var c = CLayout.FromInstalledHeaders();
        Assert.Equal(c.Offsets["fuse_config"]["nullpath_ok"], fuse_config.NullPathOkOffset(LibFuse.ParseVersion(c.LibraryVersion)));
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
    [InlineData("3.19.0", 47)]
    public void Low_level_table_is_sized_by_version(string version, int members) =>
        Assert.Equal(members, LibFuse.LowLevelOperationCount(LibFuse.ParseVersion(version)));

    [Fact]
    public void Arm64_entry_param_mirror_has_the_documented_layout()
    {
        // fuse_entry_param around the generic (arm64) struct stat; Arm64LayoutTests also compiles it where the cross toolchain is installed.
        var offsets = ManagedLayout.Offsets(typeof(fuse_entry_param_aarch64));
        Assert.Equal(160, ManagedLayout.SizeOf(typeof(fuse_entry_param_aarch64)));
        Assert.Equal(16, offsets["attr"]);
        Assert.Equal(144, offsets["attr_timeout"]);
        Assert.Equal(152, offsets["entry_timeout"]);
        Assert.True(NativeEntry.MaxSize >= ManagedLayout.SizeOf(typeof(fuse_entry_param_x86_64)));
    }

    /// <summary>
    /// The runtime loads the library the headers belong to: under scripts/libfuse-matrix.sh (FUSEGEN_LIBFUSE and
    /// PKG_CONFIG_PATH of one prefix) this proves each run tests the version it claims to.
    /// </summary>
    [NativeFact(Compiler)]
    public void Runtime_loads_the_library_of_the_headers()
    {
        var c = CLayout.FromInstalledHeaders();
        LibFuse.EnsureLoaded();
        Assert.Equal(LibFuse.ParseVersion(c.LibraryVersion), LibFuse.Version);
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
        "fuse_entry_param" => architecture switch
        {
            Architecture.X64 => typeof(fuse_entry_param_x86_64),
            Architecture.Arm64 => typeof(fuse_entry_param_aarch64),
            var other => throw new PlatformNotSupportedException($"FuseGen mirrors no struct fuse_entry_param for {other}"),
        },
        "fuse_ctx" => typeof(fuse_ctx),
        "fuse_forget_data" => typeof(fuse_forget_data),
        "fuse_lowlevel_ops" => typeof(FuseLowLevelOperations),
        _ => throw new ArgumentOutOfRangeException(nameof(cName), cName, "no mirror"),
    };
}
