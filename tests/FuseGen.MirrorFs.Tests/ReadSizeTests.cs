using System;
using System.IO;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// MirrorFs answers every read with the source descriptor (FuseBufferReply.FromFile), and the reply takes one of two
/// ways by its size: under two pages the runtime reads it into memory itself, from two pages on libfuse splices it
/// from the descriptor. Reads of every size around that line, at offsets inside the file, across its end and past it,
/// must give the source's bytes. The mount runs with <c>-o direct_io</c> so that each pread through it is one READ
/// of exactly its size (the page cache would round and merge them); <c>-d</c> shows the sizes libfuse saw.
/// </summary>
public sealed unsafe class ReadSizeTests : IDisposable
{
    private const int Page = 4096;

    // Three pages and a bit: reads of up to four pages reach the end from every offset tested.
    private const int FileLength = 3 * Page + 123;

    private static readonly int[] Sizes = { 1, 100, Page - 1, Page, Page + 1, 2 * Page - 1, 2 * Page, 2 * Page + 1, 3 * Page, 4 * Page };

    private readonly Lazy<MirrorMount> mount = new(() => MirrorMount.Start("readsize", "-o", "direct_io", "-d"));

    private MirrorMount Mount => mount.Value;

    [MountFact(AsRoot = true)]
    public void Reads_of_every_size_around_the_splice_line_give_the_source_bytes_at_their_offset()
    {
        var content = new byte[FileLength];
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = (byte)(i * 31 + i / 251);
        }

        File.WriteAllBytes(Mount.InSource("file"), content);
        var offsets = new long[] { 0, 1, Page - 1, Page, 2 * Page + 7, FileLength - 1, FileLength, FileLength + Page };
        var buffer = new byte[4 * Page];
        var fd = Open(Mount.At("file"), LibC.O_RDONLY);
        try
        {
            foreach (var size in Sizes)
            {
                foreach (var offset in offsets)
                {
                    Array.Fill(buffer, (byte)0xEE);
                    var (count, errno) = LibC.PRead(fd, buffer.AsSpan(0, size), offset);
                    var expected = (int)Math.Clamp(FileLength - offset, 0, size);
                    Assert.True(errno == 0, $"pread of {size} at {offset}: errno {errno}");
                    Assert.True(count == expected, $"pread of {size} at {offset}: {count} bytes, expected {expected}");
                    Assert.True(
                        buffer.AsSpan(0, expected).SequenceEqual(content.AsSpan((int)Math.Min(offset, FileLength), expected)),
                        $"pread of {size} at {offset} gives other bytes than the source holds there");
                }
            }
        }
        finally
        {
            LibC.close(fd);
        }

        // The premise: each pread reached the daemon as one READ of its size, on both sides of the line. The whole
        // request log is there once the daemon has exited.
        var mounted = Mount;
        mounted.Dispose();
        var log = mounted.DaemonOutput;
        foreach (var size in new[] { Page, 2 * Page - 1, 2 * Page, 2 * Page + 1 })
        {
            Assert.Contains($" {size} bytes from ", log, StringComparison.Ordinal);
        }
    }

    /// <remarks>MirrorMount.Dispose may run twice (the test disposes it to read the whole log): it is idempotent.</remarks>
    public void Dispose()
    {
        if (mount.IsValueCreated)
        {
            mount.Value.Dispose();
        }
    }
}
