using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.SqliteFs.Tests;

/// <summary>Writers at once, on files of their own and on interleaved ranges of one file (sharing its blocks).</summary>
public sealed class ConcurrentWriterTests(ITestOutputHelper output)
{
    private const int Writers = 8;
    private const int ChunkSize = 1000;
    private const int ChunksPerWriter = 100;

    [MountFact]
    public void Concurrent_writers_each_find_their_bytes_before_and_after_a_remount()
    {
        using var database = new SqliteDatabase(output);
        var own = new byte[Writers][];
        var shared = new byte[Writers * ChunkSize * ChunksPerWriter];
        using (var mounted = database.Mount())
        {
            using (var sharedFile = File.OpenHandle(mounted["shared"], FileMode.CreateNew, FileAccess.Write))
            {
                Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, writer =>
                {
                    var random = new Random(writer);
                    own[writer] = new byte[300_000];
                    using var file = File.OpenHandle(mounted[$"own-{writer}"], FileMode.CreateNew, FileAccess.Write);
                    foreach (var chunk in Enumerable.Range(0, ChunksPerWriter).OrderBy(_ => random.Next()))
                    {
                        // Writer w owns bytes [(chunk * Writers + w) * ChunkSize, +ChunkSize) of the shared file: every
                        // 64 KiB block of it is rewritten by all writers, each keeping the others' bytes.
                        var bytes = RemountTests.Bytes(random, ChunkSize);
                        var at = ((chunk * Writers) + writer) * ChunkSize;
                        RandomAccess.Write(sharedFile, bytes, at);
                        bytes.CopyTo(shared, at);

                        var offset = random.Next(own[writer].Length - ChunkSize);
                        var length = random.Next(1, ChunkSize);
                        RandomAccess.Write(file, bytes.AsSpan(0, length), offset);
                        bytes.AsSpan(0, length).CopyTo(own[writer].AsSpan(offset));
                    }

                    // The file ends where its furthest write ended.
                    RandomAccess.SetLength(file, own[writer].Length);
                });
            }

            Verify(mounted, own, shared);
        }

        Assert.Equal("ok", database.IntegrityCheck());
        using (var mounted = database.Mount())
        {
            Verify(mounted, own, shared);
        }
    }

    private static void Verify(MountedSample mounted, byte[][] own, byte[] shared)
    {
        Assert.True(shared.AsSpan().SequenceEqual(File.ReadAllBytes(mounted["shared"])), "the shared file differs");
        for (var writer = 0; writer < Writers; writer++)
        {
            Assert.True(own[writer].AsSpan().SequenceEqual(File.ReadAllBytes(mounted[$"own-{writer}"])), $"own-{writer} differs");
        }
    }
}
