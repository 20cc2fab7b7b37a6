using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// Files beyond 4 GiB: 6 GiB written and read back sequentially through MirrorFs (over a 7 GiB tmpfs), checked with
/// SHA-256; random 4 KiB writes and reads in a sparse MemFs file between 4 and 64 GiB, checked against a model.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class LargeFileTests : MountTest
{
    private const int Chunk = 1 << 20;
    private const long GiB = 1L << 30;

    public LargeFileTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Six_GiB_written_and_read_back_sequentially_through_MirrorFs_keep_their_SHA256()
    {
        const long size = 6 * GiB;
        using var source = Tmpfs.Mount(7 * GiB);
        using var mount = MountedSample.Start("MirrorFs", Output, new[] { source.Path }, Array.Empty<string>(), TimeSpan.FromSeconds(600));
        var path = mount["big"];
        var buffer = new byte[Chunk];

        var clock = Stopwatch.StartNew();
        byte[] written;
        var (fd, errno) = LibC.Open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_TRUNC);
        Assert.Equal(0, errno);
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            for (long offset = 0; offset < size; offset += Chunk)
            {
                Fill(buffer, offset);
                hash.AppendData(buffer);
                var (count, writeErrno) = LibC.Write(fd, buffer);
                Assert.True(count == Chunk, $"write at {offset}: {count} bytes, errno {writeErrno}");
                DropCache(fd, offset);
            }

            written = hash.GetHashAndReset();
        }

        Assert.Equal(0, LibC.Fsync(fd));
        Assert.Equal(0, LibC.Close(fd));
        var writeTime = clock.Elapsed;
        Assert.Equal(size, LibC.Stat(path).Stat.Size);
        Assert.Equal(size, LibC.Stat(source.Path + "/big").Stat.Size);

        // Reopening drops the kernel's cached pages (no kernel_cache): every byte comes through MirrorFs again.
        clock.Restart();
        (fd, errno) = LibC.Open(path, LibC.O_RDONLY);
        Assert.Equal(0, errno);
        byte[] read;
        long total = 0;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            while (true)
            {
                var (count, readErrno) = LibC.Read(fd, buffer);
                Assert.True(readErrno == 0, $"read at {total}: errno {readErrno}");
                if (count == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, (int)count);
                DropCache(fd, total);
                total += count;
            }

            read = hash.GetHashAndReset();
        }

        LibC.Close(fd);
        var readTime = clock.Elapsed;
        Output.WriteLine($"MirrorFs over tmpfs: {size / GiB} GiB written in {writeTime.TotalSeconds:0.0} s ({size / 1048576.0 / writeTime.TotalSeconds:0} MiB/s), " +
            $"read back in {readTime.TotalSeconds:0.0} s ({total / 1048576.0 / readTime.TotalSeconds:0} MiB/s); sha256 written {Convert.ToHexString(written)[..16]}..., read {Convert.ToHexString(read)[..16]}...");
        Assert.Equal(size, total);
        Assert.Equal(written, read);
    }

    [MountFact]
    public void Random_4_KiB_writes_and_reads_beyond_4_GiB_in_a_sparse_MemFs_file_match_a_model()
    {
        const int block = 4096;
        var operations = Scale.Pick(4000, 16000);
        using var mount = MountedSample.Start("MemFs", Output, Array.Empty<string>(), Array.Empty<string>(), TimeSpan.FromSeconds(300));
        var path = mount["sparse"];
        var random = new Random(4096);
        var model = new Dictionary<long, byte[]>();
        var buffer = new byte[block];
        var (fd, errno) = LibC.Open(path, LibC.O_RDWR | LibC.O_CREAT);
        Assert.Equal(0, errno);
        var clock = Stopwatch.StartNew();
        long reads = 0, holes = 0, mismatches = 0, end = 0;
        try
        {
            for (var i = 0; i < operations; i++)
            {
                // Blocks between 4 GiB and 64 GiB, half of them unaligned (straddling two pages).
                var offset = 4 * GiB + (random.NextInt64(60 * GiB / block) * block) + (i % 2 == 0 ? 0 : random.Next(1, block));
                if (random.Next(2) == 0 || model.Count == 0)
                {
                    var data = new byte[block];
                    random.NextBytes(data);
                    var (count, writeErrno) = LibC.PWrite(fd, data, offset);
                    Assert.True(count == block, $"pwrite at {offset}: {count} bytes, errno {writeErrno}");
                    Apply(model, offset, data);
                    end = Math.Max(end, offset + block);
                }
                else
                {
                    // Half the reads at a written offset, half anywhere (mostly holes, or past the end of the file).
                    var at = random.Next(2) == 0 ? model.Keys.ElementAt(random.Next(model.Count)) : offset;
                    var (count, readErrno) = LibC.PRead(fd, buffer, at);
                    Assert.True(readErrno == 0, $"pread at {at}: errno {readErrno}");
                    var expected = Expected(model, at, (int)Math.Clamp(end - at, 0, block));
                    reads++;
                    holes += expected.All(b => b == 0) ? 1 : 0;
                    if (count != expected.Length || !buffer.AsSpan(0, (int)count).SequenceEqual(expected))
                    {
                        mismatches++;
                    }
                }
            }
        }
        finally
        {
            LibC.Close(fd);
        }

        // Again through a fresh open (no cached pages), every written block.
        var ((_, _, size), statErrno) = LibC.Stat(path);
        Assert.Equal(0, statErrno);
        (fd, _) = LibC.Open(path, LibC.O_RDONLY);
        var verified = 0;
        foreach (var offset in model.Keys)
        {
            var (count, _) = LibC.PRead(fd, buffer, offset);
            var expected = Expected(model, offset, (int)Math.Clamp(end - offset, 0, block));
            if (count != expected.Length || !buffer.AsSpan(0, (int)count).SequenceEqual(expected))
            {
                mismatches++;
            }

            verified++;
        }

        LibC.Close(fd);
        Output.WriteLine($"MemFs sparse file: {operations} random 4 KiB operations between 4 and 64 GiB in {clock.Elapsed.TotalSeconds:0.0} s ({reads} reads, {holes} of holes), " +
            $"size {size / (double)GiB:0.00} GiB; {verified} written pages re-read after reopening; {mismatches} mismatches");
        Assert.Equal(end, size);
        Assert.Equal(0, mismatches);
    }

    /// <summary>Deterministic, non-repeating content: every 8 bytes depend on their offset.</summary>
    private static void Fill(byte[] buffer, long offset)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(buffer.AsSpan());
        var x = (ulong)offset * 0x9E3779B97F4A7C15ul;
        for (var i = 0; i < words.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            words[i] = x + (ulong)i;
        }
    }

    /// <summary>Every 256 MiB, drops the pages already written or read, so the test holds the tmpfs copy and little else.</summary>
    private static void DropCache(int fd, long offset)
    {
        if ((offset + Chunk) % (256L << 20) == 0)
        {
            LibC.FAdvise(fd, 0, 0, LibC.POSIX_FADV_DONTNEED);
        }
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> into a model of whole 4 KiB blocks.</summary>
    private static void Apply(Dictionary<long, byte[]> model, long offset, byte[] data)
    {
        for (var i = 0; i < data.Length;)
        {
            var position = offset + i;
            var start = position - (position % 4096);
            var within = (int)(position - start);
            var piece = Math.Min(data.Length - i, 4096 - within);
            if (!model.TryGetValue(start, out var page))
            {
                model[start] = page = new byte[4096];
            }

            data.AsSpan(i, piece).CopyTo(page.AsSpan(within));
            i += piece;
        }
    }

    private static byte[] Expected(Dictionary<long, byte[]> model, long offset, int length)
    {
        var result = new byte[length];
        for (var i = 0; i < length;)
        {
            var position = offset + i;
            var start = position - (position % 4096);
            var within = (int)(position - start);
            var piece = Math.Min(length - i, 4096 - within);
            if (model.TryGetValue(start, out var page))
            {
                page.AsSpan(within, piece).CopyTo(result.AsSpan(i));
            }

            i += piece;
        }

        return result;
    }
}
