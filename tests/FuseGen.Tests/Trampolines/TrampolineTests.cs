using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Interop.Native;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.Trampolines;

/// <summary>
/// Generated trampolines called directly through the native operation table, as libfuse would call them, with a
/// fake request context and native buffers: no kernel, no mount.
/// </summary>
[Collection(GlobalStateCollection.Name)]
public sealed unsafe class TrampolineTests : IDisposable
{
    private const int FileInfoSize = 64; // struct fuse_file_info of libfuse 3.17+, the largest.
    private const int OffsetOfFh = 16;
    private const int OffsetOfLockOwner = 24;
    private const int OffsetOfBits = 4;
    private const int OffsetOfPadding2 = 8;

    private readonly KernelFreeSession fuse;
    private readonly RecordingFs fs = new();
    private readonly List<FuseFault> faults = new();
    private readonly FuseOperations* ops;

    public TrampolineTests(KernelFreeSession fuse)
    {
        this.fuse = fuse;
        ops = fuse.Serve(fs, new MountOptions { FaultHandler = faults.Add });
        FakeFiller.Reset();
    }

    public void Dispose()
    {
        fuse.Leave(); // frees ops
        KernelFreeSession.RestoreFileInfoLayout();
    }

    [Fact]
    public void FillOperations_sets_exactly_the_bound_operations()
    {
        var bound = new[] { "getattr", "mkdir", "unlink", "open", "read", "write", "statfs", "release", "readdir" };
        var offsets = Native.ManagedLayout.Offsets(typeof(FuseOperations));
        Assert.Equal(FuseOperations.Count, offsets.Count);
        foreach (var (name, offset) in offsets)
        {
            var entry = *(nint*)((byte*)ops + offset);
            Assert.True((entry != 0) == bound.Contains(name), $"{name} is {(entry != 0 ? "set" : "null")}");
        }
    }

    [Fact]
    public void Getattr_writes_the_stat_into_the_native_layout()
    {
        using var path = NativeBlock.CString("/file");
        using var buffer = new NativeBlock(256, fill: 0xCC);

        Assert.Equal(0, ops->getattr(path.Pointer, buffer.Pointer, null));

        var expected = RecordingFs.FileStat;
        var stat = NativeStat.Read(buffer.Pointer);
        Assert.Equal(expected.Inode, stat.Inode);
        Assert.Equal(expected.Mode, stat.Mode);
        Assert.Equal(expected.Links, stat.Links);
        Assert.Equal(expected.Uid, stat.Uid);
        Assert.Equal(expected.Gid, stat.Gid);
        Assert.Equal(expected.DeviceNumber, stat.DeviceNumber);
        Assert.Equal(expected.Size, stat.Size);
        Assert.Equal(expected.BlockSize, stat.BlockSize);
        Assert.Equal(241, stat.Blocks);
        Assert.Equal(expected.AccessTime, stat.AccessTime);
        Assert.Equal(expected.ModificationTime, stat.ModificationTime);
        Assert.Equal(expected.ChangeTime, stat.ChangeTime);

        var size = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? sizeof(stat_aarch64) : sizeof(stat_x86_64);
        Assert.All(buffer.Span[size..].ToArray(), b => Assert.Equal(0xCC, b));
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            // Raw x86_64 offsets, independent of the mirror.
            Assert.Equal(42ul, buffer.Read<ulong>(8));
            Assert.Equal(3ul, buffer.Read<ulong>(16));
            Assert.Equal(expected.Mode, buffer.Read<uint>(24));
            Assert.Equal(1001u, buffer.Read<uint>(28));
            Assert.Equal(1002u, buffer.Read<uint>(32));
            Assert.Equal(0, buffer.Read<int>(36));
            Assert.Equal(0x0801ul, buffer.Read<ulong>(40));
            Assert.Equal(123_456L, buffer.Read<long>(48));
            Assert.Equal(4096L, buffer.Read<long>(56));
            Assert.Equal(241L, buffer.Read<long>(64));
            Assert.Equal(1_700_000_000L, buffer.Read<long>(72));
            Assert.Equal(1L, buffer.Read<long>(80));
            Assert.Equal(1_700_000_001L, buffer.Read<long>(88));
            Assert.Equal(2L, buffer.Read<long>(96));
            Assert.Equal(1_700_000_002L, buffer.Read<long>(104));
            Assert.Equal(3L, buffer.Read<long>(112));
            Assert.All(buffer.Span[120..144].ToArray(), b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void Errno_result_is_negated_and_the_buffer_is_left_alone()
    {
        using var path = NativeBlock.CString("/missing");
        using var buffer = new NativeBlock(256, fill: 0xCC);

        Assert.Equal(-(int)Errno.ENOENT, ops->getattr(path.Pointer, buffer.Pointer, null));
        Assert.All(buffer.Span.ToArray(), b => Assert.Equal(0xCC, b));
        Assert.Empty(faults);
    }

    [Fact]
    public void Getattr_sees_the_file_info_only_when_libfuse_passes_one()
    {
        using var path = NativeBlock.CString("/open-file");
        using var buffer = new NativeBlock(256);
        using var info = new NativeBlock(FileInfoSize);
        info.Write(OffsetOfFh, 77ul);

        Assert.Equal(0, ops->getattr(path.Pointer, buffer.Pointer, info.Pointer));
        Assert.True(fs.LastFileInfoPresent);
        Assert.Equal(77ul, fs.LastHandle);

        Assert.Equal(0, ops->getattr(path.Pointer, buffer.Pointer, null));
        Assert.False(fs.LastFileInfoPresent);
        Assert.Equal(0ul, fs.LastHandle);
    }

    [Fact]
    public void Exception_becomes_EIO_and_is_reported_once()
    {
        using var path = NativeBlock.CString("/throw");
        using var buffer = new NativeBlock(256, fill: 0xCC);

        Assert.Equal(-(int)Errno.EIO, ops->getattr(path.Pointer, buffer.Pointer, null));

        var fault = Assert.Single(faults);
        Assert.Equal("getattr", fault.Operation);
        Assert.IsType<InvalidOperationException>(fault.Exception);
        Assert.Equal("getattr exploded", fault.Exception.Message);
        Assert.Equal(Errno.EIO, fault.Errno);
        Assert.Equal("/throw", fault.Path);
        Assert.Equal(KernelFreeSession.DefaultCaller.Pid, fault.ProcessId);
        Assert.Equal(KernelFreeSession.DefaultCaller.Uid, fault.UserId);
        Assert.Equal(KernelFreeSession.DefaultCaller.Gid, fault.GroupId);
        Assert.Null(fault.Inode);
        Assert.All(buffer.Span.ToArray(), b => Assert.Equal(0xCC, b));
    }

    [Fact]
    public void FuseException_answers_its_errno_and_is_not_reported()
    {
        using var path = NativeBlock.CString("/notsup");
        using var buffer = new NativeBlock(256);

        Assert.Equal(-95, ops->getattr(path.Pointer, buffer.Pointer, null));
        Assert.Empty(faults);
    }

    [Fact]
    public void IOException_with_an_errno_answers_that_errno_and_is_reported()
    {
        using var path = NativeBlock.CString("/disk-full");

        Assert.Equal(-(int)Errno.ENOSPC, ops->unlink(path.Pointer));

        var fault = Assert.Single(faults);
        Assert.Equal("unlink", fault.Operation);
        Assert.Equal(Errno.ENOSPC, fault.Errno);
    }

    [Fact]
    public void Void_method_answers_zero()
    {
        using var path = NativeBlock.CString("/some/file");

        Assert.Equal(0, ops->unlink(path.Pointer));
        Assert.Equal("unlink /some/file", Assert.Single(fs.Calls));
    }

    [Theory]
    [InlineData("/new", 0)]
    [InlineData("/exists", -17)]
    [InlineData("/seven", 7)]
    public void Int_result_passes_through(string name, int expected)
    {
        using var path = NativeBlock.CString(name);

        Assert.Equal(expected, ops->mkdir(path.Pointer, 0x41ED));
        Assert.Equal((UnixFileMode)0x1ED, fs.LastMode);
        Assert.Empty(faults);
    }

    [Fact]
    public void String_path_is_decoded_as_UTF8()
    {
        using var path = NativeBlock.CString("/dïr/ñame ✓");

        Assert.Equal(0, ops->mkdir(path.Pointer, 0x1FF));
        Assert.Equal("/dïr/ñame ✓", fs.LastStringPath);
    }

    [Fact]
    public void String_path_with_invalid_UTF8_gets_replacement_characters()
    {
        using var path = NativeBlock.CString([(byte)'/', 0xFF, (byte)'x']);

        Assert.Equal(0, ops->mkdir(path.Pointer, 0x1FF));
        Assert.Equal("/\uFFFDx", fs.LastStringPath);
    }

    [Fact]
    public void FuseContext_parameter_sees_the_caller()
    {
        using var path = NativeBlock.CString("/d");

        Assert.Equal(0, ops->mkdir(path.Pointer, 0x1FF));

        Assert.Equal(KernelFreeSession.DefaultCaller.Uid, fs.LastContext.Uid);
        Assert.Equal(KernelFreeSession.DefaultCaller.Gid, fs.LastContext.Gid);
        Assert.Equal(KernelFreeSession.DefaultCaller.Pid, fs.LastContext.Pid);
        Assert.Equal(KernelFreeSession.DefaultCaller.Umask, fs.LastContext.Umask);
    }

    [Fact]
    public void FuseContext_Current_reads_the_request_and_is_empty_outside_one()
    {
        Assert.Equal(KernelFreeSession.DefaultCaller.Uid, FuseContext.Current.Uid);
        Assert.Equal(KernelFreeSession.DefaultCaller.Pid, FuseContext.Current.Pid);

        fuse.Leave();

        Assert.Equal(default, FuseContext.Current);
    }

    [Fact]
    public void Open_writes_the_handle_and_its_bits_through_to_native_file_info()
    {
        using var path = NativeBlock.CString("/f");
        using var info = new NativeBlock(FileInfoSize, fill: 0xAB);
        info.Write(0, 0x402); // O_RDWR | O_APPEND
        info.Write(OffsetOfBits, 1u << 31);
        info.Write(OffsetOfPadding2, 0x5A5A5A5Au);
        info.Write(OffsetOfFh, 0ul);

        Assert.Equal(0, ops->open(path.Pointer, info.Pointer));

        Assert.Equal(OpenFlags.ReadWrite | OpenFlags.Append, fs.LastOpenFlags);
        Assert.Equal("/f", fs.LastStringPath);
        Assert.Equal(KernelFreeSession.DefaultCaller.Uid, fs.LastContext.Uid);
        Assert.Equal(RecordingFs.OpenedHandle, info.Read<ulong>(OffsetOfFh));
        Assert.Equal((1u << 31) | (1u << FileInfoBits.DirectIo) | (1u << FileInfoBits.NonSeekable), info.Read<uint>(OffsetOfBits));
        Assert.Equal(0x5A5A5A5Au, info.Read<uint>(OffsetOfPadding2));
        Assert.Equal(0xABABABABABABABABul, info.Read<ulong>(OffsetOfLockOwner));
        Assert.All(info.Span[32..].ToArray(), b => Assert.Equal(0xAB, b));
    }

    [Fact]
    public void Open_sets_keep_cache_at_its_bit()
    {
        using var path = NativeBlock.CString("/f-keep");
        using var info = new NativeBlock(FileInfoSize);

        Assert.Equal(0, ops->open(path.Pointer, info.Pointer));

        Assert.Equal(
            (1u << FileInfoBits.DirectIo) | (1u << FileInfoBits.KeepCache) | (1u << FileInfoBits.NonSeekable),
            info.Read<uint>(OffsetOfBits));
    }

    [Theory]
    [InlineData("3.14.0", 1, 4)]
    [InlineData("3.16.2", 1, 5)]
    [InlineData("3.17.4", 1, 4)]
    public void File_info_bits_follow_the_selected_libfuse_version(string version, int directIo, int nonSeekable)
    {
        FileInfoBits.Select(Version.Parse(version));
        using var path = NativeBlock.CString("/f");
        using var info = new NativeBlock(FileInfoSize);

        Assert.Equal(0, ops->open(path.Pointer, info.Pointer));

        Assert.Equal((1u << directIo) | (1u << nonSeekable), info.Read<uint>(OffsetOfBits));
    }

    [Theory]
    [InlineData("3.14.0", 3, true)]
    [InlineData("3.16.2", 4, true)]
    [InlineData("3.16.2", 3, false)] // parallel_direct_writes in 3.14.1-3.16
    [InlineData("3.17.4", 3, true)]
    public void Release_reads_the_flush_bit_of_the_selected_version(string version, int bit, bool flush)
    {
        FileInfoBits.Select(Version.Parse(version));
        using var path = NativeBlock.CString("/f");
        using var info = new NativeBlock(FileInfoSize);
        info.Write(OffsetOfBits, 1u << bit);
        info.Write(OffsetOfFh, 99ul);
        info.Write(OffsetOfLockOwner, 0x55ul);

        Assert.Equal(0, ops->release(path.Pointer, info.Pointer));

        Assert.Equal(flush, fs.LastFlush);
        Assert.False(fs.LastFlockRelease);
        Assert.Equal(99ul, fs.LastHandle);
        Assert.Equal(0x55ul, fs.LastLockOwner);
    }

    [Fact]
    public void Release_reads_flock_release()
    {
        using var path = NativeBlock.CString("/f");
        using var info = new NativeBlock(FileInfoSize);
        info.Write(OffsetOfBits, 1u << FileInfoBits.FlockRelease);

        Assert.Equal(0, ops->release(path.Pointer, info.Pointer));

        Assert.True(fs.LastFlockRelease);
        Assert.False(fs.LastFlush);
    }

    [Fact]
    public void Read_fills_a_128_KiB_native_buffer()
    {
        const int Size = 128 * 1024;
        using var path = NativeBlock.CString("/file");
        using var buffer = new NativeBlock(Size + 16, fill: 0xCC);
        using var info = new NativeBlock(FileInfoSize);
        info.Write(OffsetOfFh, 31ul);

        Assert.Equal(Size, ops->read(path.Pointer, buffer.Pointer, Size, 7, info.Pointer));

        Assert.Equal(31ul, fs.LastHandle);
        Assert.True(buffer.Span[..Size].IndexOfAnyExcept((byte)7) < 0, "the read buffer was not filled");
        Assert.True(buffer.Span[Size..].IndexOfAnyExcept((byte)0xCC) < 0, "read wrote past the buffer");
    }

    [Fact]
    public void Write_sees_the_native_data()
    {
        using var path = NativeBlock.CString("/file");
        using var data = new NativeBlock(4096, fill: 0x11);
        data.Span[^1] = 0x99;

        Assert.Equal(4096, ops->write(path.Pointer, data.Pointer, 4096, 0, null));

        Assert.Equal(4096, fs.BytesWritten);
        Assert.Equal(0x99, fs.LastWrittenByte);
    }

    [Fact]
    public void Statfs_void_form_writes_statvfs_with_defaults()
    {
        using var path = NativeBlock.CString("/");
        using var buffer = new NativeBlock(sizeof(statvfs), fill: 0xCC);

        Assert.Equal(0, ops->statfs(path.Pointer, buffer.Pointer));

        var result = (statvfs*)buffer.Pointer;
        Assert.Equal(4096ul, result->f_bsize);
        Assert.Equal(4096ul, result->f_frsize);
        Assert.Equal(1000ul, result->f_blocks);
        Assert.Equal(7ul, result->f_files);
        Assert.Equal(0ul, result->f_bfree);
        Assert.Equal(255ul, result->f_namemax);
    }

    [Fact]
    public void Statvfs_read_back_gives_every_field_written()
    {
        var written = new StatVfs
        {
            BlockSize = 1, FragmentSize = 2, Blocks = 3, BlocksFree = 4, BlocksAvailable = 5, Files = 6, FilesFree = 7,
            FilesAvailable = 8, FileSystemId = 9, Flags = 10, MaxNameLength = 11,
        };
        using var buffer = new NativeBlock(NativeStatVfs.Size, fill: 0xCC);

        NativeStatVfs.Write(written, buffer.Pointer);

        Assert.Equal(written, NativeStatVfs.Read(buffer.Pointer));
    }

    [Fact]
    public void Readdir_passes_every_entry_to_the_filler()
    {
        using var path = NativeBlock.CString("/");

        Assert.Equal(0, ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 0, null, 0));

        Assert.Equal([".", "..", "plain", "with-stat", "ünïcödé"], FakeFiller.Entries.Select(e => e.Name));
        Assert.All(FakeFiller.Entries, e => Assert.Equal(0, e.Offset));
        Assert.All(FakeFiller.Entries, e => Assert.Equal(0, e.Flags));
        Assert.Equal(0, FakeFiller.ForeignBuffers);
        Assert.False(fs.LastIsPlus);

        var withStat = FakeFiller.Entries.Single(e => e.Name == "with-stat").Stat;
        Assert.NotNull(withStat);
        Assert.Equal(RecordingFs.FileStat.Mode, withStat.Value.Mode);
        Assert.Equal(42ul, withStat.Value.Inode);
        Assert.All(FakeFiller.Entries.Where(e => e.Name != "with-stat"), e => Assert.Null(e.Stat));
    }

    [Fact]
    public void Entries_added_with_a_type_carry_only_that_type()
    {
        using var path = NativeBlock.CString("/typed");

        Assert.Equal(0, ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 0, null, 1)); // even with readdirplus

        Assert.Equal(["dir", "file", "link"], FakeFiller.Entries.Select(e => e.Name));
        Assert.Equal([FileType.Directory, FileType.Regular, FileType.SymbolicLink], FakeFiller.Entries.Select(e => e.Stat!.Value.Type));
        Assert.All(FakeFiller.Entries, e => Assert.Equal(0u, e.Stat!.Value.Mode & 0xFFF));
        Assert.All(FakeFiller.Entries, e => Assert.Equal(0, e.Stat!.Value.Size));
        Assert.All(FakeFiller.Entries, e => Assert.Equal(0, e.Flags)); // a type is not full attributes: never FUSE_FILL_DIR_PLUS
    }

    [Fact]
    public void Readdir_plus_marks_entries_added_with_attributes()
    {
        using var path = NativeBlock.CString("/");

        Assert.Equal(0, ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 0, null, 1)); // FUSE_READDIR_PLUS

        Assert.True(fs.LastIsPlus);
        Assert.Equal(ReaddirFlags.Plus, fs.LastReaddirFlags);
        Assert.Equal(2, FakeFiller.Entries.Single(e => e.Name == "with-stat").Flags); // FUSE_FILL_DIR_PLUS
        Assert.All(FakeFiller.Entries.Where(e => e.Name != "with-stat"), e => Assert.Equal(0, e.Flags));
    }

    [Fact]
    public void Paged_readdir_resumes_after_the_offset_and_stops_when_the_buffer_is_full()
    {
        FakeFiller.Reset(capacity: 4);
        using var path = NativeBlock.CString("/paged");

        Assert.Equal(0, ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 3, null, 0));

        Assert.Equal(3, fs.LastReaddirOffset);
        Assert.Equal(["e3", "e4", "e5", "e6"], FakeFiller.Entries.Select(e => e.Name));
        Assert.Equal([4L, 5, 6, 7], FakeFiller.Entries.Select(e => e.Offset));
        Assert.Equal(4, fs.LastReaddirAdded);
    }

    [Fact]
    public void Exception_in_the_middle_of_a_listing_answers_an_errno()
    {
        using var path = NativeBlock.CString("/boom");

        Assert.Equal(-(int)Errno.EIO, ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 0, null, 0));

        Assert.Equal(["first", "second"], FakeFiller.Entries.Select(e => e.Name));
        var fault = Assert.Single(faults);
        Assert.Equal("readdir", fault.Operation);
        Assert.Equal("listing failed half-way", fault.Exception.Message);
    }

    [Fact]
    public void Readdir_refuses_a_name_with_NUL()
    {
        using var path = NativeBlock.CString("/nul");

        Assert.Equal(-(int)Errno.EINVAL, ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 0, null, 0));

        Assert.Empty(FakeFiller.Entries);
        Assert.IsType<ArgumentException>(Assert.Single(faults).Exception);
    }

    [Fact]
    public void Readdir_refuses_a_long_name_with_NUL()
    {
        using var path = NativeBlock.CString("/nul-long");

        Assert.Equal(-(int)Errno.EINVAL, ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 0, null, 0));

        Assert.Empty(FakeFiller.Entries);
        Assert.IsType<ArgumentException>(Assert.Single(faults).Exception);
    }

    [Fact]
    public void Names_of_every_length_reach_the_filler_byte_for_byte()
    {
        using var path = NativeBlock.CString("/lengths");

        Assert.Equal(0, ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 0, null, 0));

        Assert.Equal(
            RecordingFs.NameLengths.Select(length => Encoding.ASCII.GetString(RecordingFs.NameOfLength(length))),
            FakeFiller.Entries.Select(e => e.Name));
        Assert.Empty(faults);
    }

    [Fact]
    public void Readdir_answers_ENAMETOOLONG_for_a_huge_name_without_a_fault()
    {
        using var path = NativeBlock.CString("/long");

        Assert.Equal(-(int)Errno.ENAMETOOLONG, ops->readdir(path.Pointer, FakeFiller.Buffer, FakeFiller.CollectPointer, 0, null, 0));

        Assert.Empty(FakeFiller.Entries);
        Assert.Empty(faults);
    }

    [Fact]
    public void Static_methods_are_called_and_report_faults_to_the_session()
    {
        var staticFs = new StaticFs();
        var table = fuse.Serve(staticFs, new MountOptions { FaultHandler = faults.Add }); // replaces ops; freed by Leave
        using var root = NativeBlock.CString("/");
        using var broken = NativeBlock.CString("/throw");
        using var buffer = new NativeBlock(256);

        Assert.Equal(0, table->getattr(root.Pointer, buffer.Pointer, null));
        Assert.Equal(FileType.Directory, NativeStat.Read(buffer.Pointer).Type);
        Assert.Equal(2ul, NativeStat.Read(buffer.Pointer).Links);

        Assert.Equal(-(int)Errno.EIO, table->getattr(broken.Pointer, buffer.Pointer, null));
        Assert.Equal("getattr", Assert.Single(faults).Operation);

        Assert.Equal(-(int)Errno.EACCES, table->access(root.Pointer, 2)); // W_OK
        Assert.Equal(0, table->access(root.Pointer, 4)); // R_OK
    }

    [Fact]
    public void Readlink_span_form_copies_and_terminates()
    {
        var table = KernelFreeSession.FillOperations(new SpanLinkFs());
        try
        {
            using var path = NativeBlock.CString("/link");
            using var buffer = new NativeBlock(64, fill: 0xCC);

            Assert.Equal(0, table->readlink(path.Pointer, buffer.Pointer, 64));
            var target = SpanLinkFs.Target.ToArray();
            Assert.Equal(target, buffer.Span[..target.Length].ToArray());
            Assert.Equal(0, buffer.Span[target.Length]);
        }
        finally
        {
            KernelFreeSession.FreeOperations(table);
        }
    }

    [Fact]
    public void Readlink_span_form_truncates_to_the_buffer()
    {
        var table = KernelFreeSession.FillOperations(new SpanLinkFs());
        try
        {
            using var path = NativeBlock.CString("/link");
            using var buffer = new NativeBlock(16, fill: 0xCC);

            Assert.Equal(0, table->readlink(path.Pointer, buffer.Pointer, 8));
            Assert.Equal(SpanLinkFs.Target[..7].ToArray(), buffer.Span[..7].ToArray());
            Assert.Equal(0, buffer.Span[7]);
            Assert.True(buffer.Span[8..].IndexOfAnyExcept((byte)0xCC) < 0, "readlink wrote past size");

            Assert.Equal(-(int)Errno.EINVAL, table->readlink(path.Pointer, buffer.Pointer, 0));
        }
        finally
        {
            KernelFreeSession.FreeOperations(table);
        }
    }

    [Fact]
    public void Readlink_string_form_encodes_UTF8_truncates_and_rejects_null()
    {
        var table = KernelFreeSession.FillOperations(new StringLinkFs());
        try
        {
            using var path = NativeBlock.CString("/link");
            using var nullTarget = NativeBlock.CString("/null");
            using var buffer = new NativeBlock(64, fill: 0xCC);
            var target = Encoding.UTF8.GetBytes(StringLinkFs.Target);

            Assert.Equal(0, table->readlink(path.Pointer, buffer.Pointer, 64));
            Assert.Equal(target, buffer.Span[..target.Length].ToArray());
            Assert.Equal(0, buffer.Span[target.Length]);

            buffer.Span.Fill(0xCC);
            Assert.Equal(0, table->readlink(path.Pointer, buffer.Pointer, 5));
            Assert.Equal(target[..4], buffer.Span[..4].ToArray());
            Assert.Equal(0, buffer.Span[4]);
            Assert.Equal(0xCC, buffer.Span[5]);

            Assert.Equal(-(int)Errno.EINVAL, table->readlink(nullTarget.Pointer, buffer.Pointer, 64));
        }
        finally
        {
            KernelFreeSession.FreeOperations(table);
        }
    }

    [Fact]
    public void Readlink_int_form_terminates_what_the_method_wrote()
    {
        var table = KernelFreeSession.FillOperations(new IntLinkFs());
        try
        {
            using var path = NativeBlock.CString("/link");
            using var buffer = new NativeBlock(64, fill: 0xCC);

            Assert.Equal(0, table->readlink(path.Pointer, buffer.Pointer, 64));
            Assert.Equal("abcdef\0"u8.ToArray(), buffer.Span[..7].ToArray());

            // The method gets size - 1 bytes, so the terminator always fits.
            buffer.Span.Fill(0xCC);
            Assert.Equal(0, table->readlink(path.Pointer, buffer.Pointer, 4));
            Assert.Equal("abc\0"u8.ToArray(), buffer.Span[..4].ToArray());
            Assert.Equal(0xCC, buffer.Span[4]);
        }
        finally
        {
            KernelFreeSession.FreeOperations(table);
        }
    }

    [Theory]
    [InlineData("/missing", -2)]
    [InlineData("/liar", -34)]
    public void Readlink_int_form_passes_errors_and_rejects_overlong_counts(string name, int expected)
    {
        var table = KernelFreeSession.FillOperations(new IntLinkFs());
        try
        {
            using var path = NativeBlock.CString(name);
            using var buffer = new NativeBlock(16, fill: 0xCC);

            Assert.Equal(expected, table->readlink(path.Pointer, buffer.Pointer, 16));
            Assert.True(buffer.Span[15..].IndexOfAnyExcept((byte)0xCC) < 0);
        }
        finally
        {
            KernelFreeSession.FreeOperations(table);
        }
    }
}
