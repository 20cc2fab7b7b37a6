using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchFs;
using FuseGen.Testing;

namespace FuseGen.Benchmarks;

/// <summary>
/// The inode BenchFs (samples/BenchInodeFs, the filesystem scripts/bench.sh mounts against the C low-level twin)
/// through its generated trampolines as libfuse calls them (KernelFreeInodeSession: fake requests, replies counted,
/// not recorded): lookup, getattr, a 4 KiB read, a 4 KiB readdir of many/ and a 4 KiB write. Issues 13 and 15:
/// 0 B allocated per call, so 0 B per listed entry.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class InodeBenchmarks
{
    // The fixed inode numbers of InodeBenchFs (and benchfs_ll.c).
    private const ulong Big = 2;
    private const ulong Many = 4;
    private const ulong FirstFile = 5;
    private const int Files = 1000;
    private const nuint Size = 4096;

    private KernelFreeInodeSession session = null!;
    private NativeBlock fileName = null!;
    private NativeBlock writtenFile = null!;
    private NativeBlock data = null!;
    private ulong writtenInode;
    private long writeOffset;

    /// <summary>Entries one 4 KiB readdir of many/ returns (for the per-entry figure).</summary>
    public int EntriesPerReaddir { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        session = new KernelFreeInodeSession(new InodeBenchFs(new BenchTree(1, Files), 0, 0));
        fileName = NativeBlock.CString("f00042");
        data = new NativeBlock((int)Size, 0x5A);

        // Every call once with replies recorded: each must be answered once, and not with an error.
        var request = session.NewRequest();
        session.Operations->lookup(request, Many, fileName.Pointer);
        Require(session.SingleReply(request) is { Kind: "entry", Error: 0, Inode: FirstFile + 42 }, "lookup");
        request = session.NewRequest();
        session.Operations->getattr(request, FirstFile + 42, null);
        Require(session.SingleReply(request) is { Kind: "attr", Error: 0 }, "getattr");
        request = session.NewRequest();
        session.Operations->read(request, Big, Size, 8192, null);
        Require(session.SingleReply(request) is { Error: 0, Data.Length: (int)Size }, "read");
        request = session.NewRequest();
        session.Operations->readdir(request, Many, Size, 0, null);
        Require(session.SingleReply(request) is { Error: 0, Data.Length: > 0 }, "readdir");
        EntriesPerReaddir = CountEntries(session.SingleReply(request).Data!);

        // A file of /w to write to: created as the kernel does (lookup of w, then create), its fh kept.
        using var w = NativeBlock.CString("w");
        request = session.NewRequest();
        session.Operations->lookup(request, 1, w.Pointer);
        var writable = session.SingleReply(request).Inode;
        using var name = NativeBlock.CString("a00000");
        writtenFile = NativeBlock.FileInfo(2);
        request = session.NewRequest();
        session.Operations->create(request, writable, name.Pointer, 0x81A4, writtenFile.Pointer);
        var created = session.SingleReply(request);
        Require(created is { Kind: "create", Error: 0 } && writtenFile.FileHandle != 0, "create");
        writtenInode = created.Inode;
        request = session.NewRequest();
        session.Operations->write(request, writtenInode, data.Pointer, Size, 0, writtenFile.Pointer);
        Require(session.SingleReply(request) is { Kind: "write", Error: 0, Number: (ulong)Size }, "write");
        session.RecordReplies = false;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        session.Dispose();
        fileName.Dispose();
        writtenFile.Dispose();
        data.Dispose();
    }

    [Benchmark]
    [BenchmarkCategory("lookup")]
    public void Lookup() => session.Operations->lookup(session.NewRequest(), Many, fileName.Pointer);

    [Benchmark]
    [BenchmarkCategory("getattr")]
    public void Getattr() => session.Operations->getattr(session.NewRequest(), FirstFile + 42, null);

    [Benchmark]
    [BenchmarkCategory("read 4 KiB")]
    public void Read() => session.Operations->read(session.NewRequest(), Big, Size, 8192, null);

    [Benchmark]
    [BenchmarkCategory("readdir 4 KiB")]
    public void Readdir() => session.Operations->readdir(session.NewRequest(), Many, Size, 0, null);

    [Benchmark]
    [BenchmarkCategory("write 4 KiB")]
    public void Write()
    {
        writeOffset = (writeOffset + (long)Size) & ((1L << 30) - 1);
        session.Operations->write(session.NewRequest(), writtenInode, data.Pointer, Size, writeOffset, writtenFile.Pointer);
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"inode BenchFs {what} was not answered as expected");
        }
    }

    /// <summary>Entries in a readdir reply: <c>struct fuse_dirent</c> records, 24 bytes + name, 8-byte aligned.</summary>
    private static int CountEntries(byte[] reply)
    {
        var count = 0;
        for (var offset = 0; offset + 24 <= reply.Length; count++)
        {
            var nameLength = BitConverter.ToInt32(reply, offset + 16);
            offset += (24 + nameLength + 7) & ~7;
        }

        return count;
    }
}
