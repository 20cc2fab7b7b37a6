using System;
using System.Runtime.InteropServices;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// A file opened O_DIRECT through the mount is opened O_DIRECT on the source, and a source such as ext4 or xfs takes
/// only buffers aligned to its block size there (EINVAL otherwise). The data of a FUSE write never arrives aligned: it
/// follows the request header in libfuse's buffer. libfuse's own passthrough examples fail such writes with EINVAL.
/// </summary>
/// <remarks>
/// The source lives next to the test assembly, in the checkout, not in the temp directory: tmpfs accepts misaligned
/// O_DIRECT buffers and would hide the problem. The test first proves that its source refuses them.
/// </remarks>
public sealed unsafe class DirectIoTests : IDisposable
{
    private const int Alignment = 4096;

    private readonly Lazy<MirrorMount> mount = new(() => MirrorMount.StartIn(AppContext.BaseDirectory, "direct"));

    private readonly byte* memory = (byte*)NativeMemory.AlignedAlloc(4 * 1024 * 1024, Alignment);

    private MirrorMount Mount => mount.Value;

    [MountFact(AsRoot = true)]
    public void Writes_and_reads_of_a_file_opened_O_DIRECT_reach_a_source_that_needs_aligned_buffers()
    {
        AssertSourceRefusesMisalignedDirectWrites();

        var fd = Open(Mount.At("direct"), LibC.O_CREAT | LibC.O_RDWR | LibC.O_DIRECT, 0x1A4);
        try
        {
            // One block, then 1 MiB after it (which the kernel sends in writes of max_write).
            var data = new Span<byte>(memory, 1024 * 1024 + Alignment);
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(i * 7 + i / 4096);
            }

            // (count, errno): without aligned memory on the way to the source, (-1, EINVAL).
            Assert.Equal(((long)Alignment, 0), LibC.PWrite(fd, data.Slice(0, Alignment), 0));
            Assert.Equal((1024L * 1024, 0), LibC.PWrite(fd, data.Slice(Alignment), Alignment));

            var back = new Span<byte>(memory + data.Length, data.Length);
            back.Clear();
            Assert.Equal(((long)data.Length, 0), LibC.PRead(fd, back, 0));
            Assert.True(back.SequenceEqual(data), "reading back through the mount (O_DIRECT) gives other bytes");

            // One block: a READ under two pages, which the runtime first tries to read into unaligned memory of its
            // own; the source refuses that, and libfuse's aligned buffer must still bring the bytes.
            var block = new Span<byte>(memory + 2 * data.Length + Alignment, Alignment);
            block.Clear();
            Assert.Equal(((long)Alignment, 0), LibC.PRead(fd, block, 2 * Alignment));
            Assert.True(block.SequenceEqual(data.Slice(2 * Alignment, Alignment)), "a one-block O_DIRECT read through the mount gives other bytes");
            Assert.True(System.IO.File.ReadAllBytes(Mount.InSource("direct")).AsSpan().SequenceEqual(data), "the source holds other bytes");
        }
        finally
        {
            LibC.close(fd);
        }
    }

    /// <summary>The premise: the source's filesystem refuses an O_DIRECT write from a misaligned buffer (else the test could not fail).</summary>
    private void AssertSourceRefusesMisalignedDirectWrites()
    {
        var fd = LibC.open(Mount.InSource("probe"), LibC.O_CREAT | LibC.O_WRONLY | LibC.O_DIRECT | LibC.O_CLOEXEC, 0x1A4);
        Assert.True(fd >= 0, $"the source {Mount.Source} does not support O_DIRECT ({LastErrno}); this test needs one on ext4 or xfs");
        try
        {
            var misaligned = LibC.PWrite(fd, new ReadOnlySpan<byte>(memory + 80, Alignment), 0);
            Assert.True(
                misaligned == (-1L, (int)Errno.EINVAL),
                $"the source {Mount.Source} accepts O_DIRECT writes from misaligned memory ({misaligned}), so this test cannot tell; it needs a source on ext4 or xfs");
            Assert.Equal(((long)Alignment, 0), LibC.PWrite(fd, new ReadOnlySpan<byte>(memory, Alignment), 0));
        }
        finally
        {
            LibC.close(fd);
        }
    }

    public void Dispose()
    {
        if (mount.IsValueCreated)
        {
            mount.Value.Dispose();
        }

        NativeMemory.AlignedFree(memory);
    }
}
