using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Testing;

namespace FuseGen.Benchmarks;

/// <summary>
/// One request of each hot operation, entering the filesystem the way libfuse does (a native call of the table's
/// function pointer), without a kernel: FuseGen's generated trampolines into samples/BenchFs against
/// <see cref="DelegateBinding"/> into the same filesystem written with strings and arrays. The fake
/// <c>fuse_get_context</c> and filler are the shared test support's (<see cref="KernelFreeSession"/>, <see cref="FakeFiller"/>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class TrampolineBenchmarks
{
    private const int ReadSize = 128 * 1024;
    private const long ReadOffset = (37L * 1024 * 1024) + (5 * ReadSize);
    private const int WriteSize = 128 * 1024;
    private const long WriteOffset = 3L * WriteSize;

    private KernelFreeSession fuse = null!;
    private FuseOperations* fuseGen;
    private DelegateBinding binding = null!;
    private NativeBlock statPath = null!;
    private NativeBlock bigPath = null!;
    private NativeBlock manyPath = null!;
    private NativeBlock stat = null!;
    private NativeBlock buffer = null!;
    private NativeBlock fileInfo = null!;
    private NativeBlock writtenPath = null!;
    private NativeBlock writeInfo = null!;
    private NativeBlock writeData = null!;
    private DelegateBenchFs delegateFileSystem = null!;

    private MeterListening? listening;

    /// <summary>Entries in many/ (the readdir benchmark lists them, plus . and ..).</summary>
    public static int Files => 1000;

    /// <summary>Whether a listener takes the FuseGen meter's measurements (FuseGen's requests then record them).</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        listening = MeterListening.StartIf(Listening);
        var tree = new global::BenchFs.BenchTree(bigMegabytes: 1024, files: Files);
        var fileSystem = new global::BenchFs.BenchFs(tree, owner: 1000, group: 1000);
        fuse = new KernelFreeSession();
        fuseGen = fuse.Serve(fileSystem);
        delegateFileSystem = new DelegateBenchFs(tree);
        binding = new DelegateBinding(delegateFileSystem.Operations);
        statPath = NativeBlock.CString("/many/f00421");
        bigPath = NativeBlock.CString("/big");
        manyPath = NativeBlock.CString("/many");
        stat = new NativeBlock(NativeStat.MaxSize);
        buffer = new NativeBlock(ReadSize);
        fileInfo = new NativeBlock(64);
        writtenPath = NativeBlock.CString("/w/b00007");
        writeInfo = NativeBlock.FileInfo(flags: 1); // O_WRONLY
        writeData = new NativeBlock(WriteSize);
        for (var i = 0; i < WriteSize; i++)
        {
            writeData.Span[i] = Rule(i);
        }

        // The file the write benchmarks write to: created through the table in BenchFs (which puts its slot in fh),
        // and at the same slot in the delegate filesystem, so both are handed the same fuse_file_info.
        Require(fuseGen->create(writtenPath.Pointer, 0x1A4, writeInfo.Pointer) == 0, "create failed");
        delegateFileSystem.CreateWritten((long)writeInfo.FileHandle - 1);
        FakeFiller.Reset();
        Check();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fuse.Dispose(); // frees the table too
        listening?.Dispose();
        foreach (var block in new[] { statPath, bigPath, manyPath, stat, buffer, fileInfo, writtenPath, writeInfo, writeData })
        {
            block.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "delegate")]
    [BenchmarkCategory("getattr")]
    public int GetattrDelegate() => binding.Getattr(statPath.Pointer, stat.Pointer, null);

    [Benchmark(Description = "FuseGen")]
    [BenchmarkCategory("getattr")]
    public int GetattrFuseGen() => fuseGen->getattr(statPath.Pointer, stat.Pointer, null);

    [Benchmark(Baseline = true, Description = "delegate")]
    [BenchmarkCategory("read 128 KiB")]
    public int ReadDelegate() => binding.Read(bigPath.Pointer, buffer.Pointer, ReadSize, ReadOffset, fileInfo.Pointer);

    [Benchmark(Description = "FuseGen")]
    [BenchmarkCategory("read 128 KiB")]
    public int ReadFuseGen() => fuseGen->read(bigPath.Pointer, buffer.Pointer, ReadSize, ReadOffset, fileInfo.Pointer);

    [Benchmark(Baseline = true, Description = "delegate")]
    [BenchmarkCategory("write 128 KiB")]
    public int WriteDelegate() => binding.Write(writtenPath.Pointer, writeData.Pointer, WriteSize, WriteOffset, writeInfo.Pointer);

    [Benchmark(Description = "FuseGen")]
    [BenchmarkCategory("write 128 KiB")]
    public int WriteFuseGen() => fuseGen->write(writtenPath.Pointer, writeData.Pointer, WriteSize, WriteOffset, writeInfo.Pointer);

    [Benchmark(Baseline = true, Description = "delegate")]
    [BenchmarkCategory("readdir 1,000")]
    public int ReaddirDelegate() => binding.Readdir(manyPath.Pointer, FakeFiller.Buffer, FakeFiller.CountPointer, 0, null, 0);

    [Benchmark(Description = "FuseGen")]
    [BenchmarkCategory("readdir 1,000")]
    public int ReaddirFuseGen() => fuseGen->readdir(manyPath.Pointer, FakeFiller.Buffer, FakeFiller.CountPointer, 0, null, 0);

    /// <summary>Both dispatches give the same answers, so the comparison is of equal work.</summary>
    private void Check()
    {
        Require(GetattrDelegate() == 0 && GetattrFuseGen() == 0, "getattr failed");
        var size = NativeStat.Read(stat.Pointer).Size;
        Require(size == global::BenchFs.BenchTree.ManyFileSize, $"getattr size {size}");
        Require(ReadDelegate() == ReadSize, "delegate read failed");
        var first = buffer.Span[0];
        var last = buffer.Span[ReadSize - 1];
        buffer.Span.Clear();
        Require(ReadFuseGen() == ReadSize, "FuseGen read failed");
        Require(first == Rule(ReadOffset) && last == Rule(ReadOffset + ReadSize - 1), "delegate read: wrong bytes");
        Require(buffer.Span[0] == first && buffer.Span[ReadSize - 1] == last, "FuseGen read: wrong bytes");
        FakeFiller.Reset();
        Require(ReaddirDelegate() == 0 && FakeFiller.Counted == Files + 2, $"delegate readdir: {FakeFiller.Counted} entries");
        FakeFiller.Reset();
        Require(ReaddirFuseGen() == 0 && FakeFiller.Counted == Files + 2, $"FuseGen readdir: {FakeFiller.Counted} entries");
        Require(FakeFiller.ForeignBuffers == 0, "filler saw a foreign buffer");
        var slot = (long)writeInfo.FileHandle - 1;
        var before = delegateFileSystem.WrittenSum(slot);
        Require(WriteDelegate() == WriteSize && WriteFuseGen() == WriteSize, "write failed");
        var sum = global::BenchFs.Checksum.Of(writeData.Span);
        Require(delegateFileSystem.WrittenSum(slot) == before + sum, "delegate write: wrong checksum");
        Require(fuseGen->getattr(writtenPath.Pointer, stat.Pointer, null) == 0 && NativeStat.Read(stat.Pointer).Size == WriteOffset + WriteSize, "FuseGen write: wrong size");
    }

    private static byte Rule(long offset) => (byte)(((offset * 7) + 13) % 251);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
