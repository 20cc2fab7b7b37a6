using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using FuseGen.ReliabilityTests.FileSystems;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// Directories of 100,000 entries, listed in one go and a buffer at a time (offsets). FuseGen calls libfuse's own
/// filler without a GC transition (LibFuseFiller): a thread is then in cooperative mode inside native code, and every
/// collection waits for it. So listings also run while other threads force collections, and must complete, whole,
/// with nothing hung; a mount whose filler looks entries up (readdir_ino) must keep the transition.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class LargeListingTests : MountTest
{
    public LargeListingTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void A_directory_of_100000_entries_lists_completely_with_and_without_offsets()
    {
        using var mount = InProcessMount.Start(new BytePathFs(), new MountOptions(), Output, TimeSpan.FromSeconds(120));
        AssertCompleteListing(mount, "plain");
        AssertCompleteListing(mount, "paged");
    }

    [MountFact]
    public void Listings_stay_complete_while_other_threads_force_collections()
    {
        var fs = new BytePathFs();
        using var mount = InProcessMount.Start(fs, new MountOptions(), Output, TimeSpan.FromSeconds(120));
        using var collector = new Collector(threads: 2);

        for (var round = 0; round < 3; round++)
        {
            AssertCompleteListing(mount, "plain");
            Assert.True(fs.LastBigListingSkippedTransition, "the listing did not take the direct path to libfuse's filler");
            AssertCompleteListing(mount, "paged");
            Assert.True(fs.LastBigListingSkippedTransition, "the paged listing did not take the direct path to libfuse's filler");
        }

        Output.WriteLine($"{collector.Stop()} forced collections during the listings");
        Assert.True(collector.Collections > 0, "no collection ran during the listings");
    }

    [MountFact]
    public void A_mount_with_readdir_ino_lists_through_the_transition_and_later_mounts_skip_it_again()
    {
        var looksUp = new BytePathFs { ReaddirIno = true };
        using (var mount = InProcessMount.Start(looksUp, new MountOptions(), Output, TimeSpan.FromSeconds(120)))
        using (new Collector(threads: 1))
        {
            AssertCompleteListing(mount, "plain");
            Assert.False(looksUp.LastBigListingSkippedTransition, "with readdir_ino the filler takes fuse->lock: it must keep the GC transition");
        }

        var plain = new BytePathFs();
        using (var mount = InProcessMount.Start(plain, new MountOptions(), Output, TimeSpan.FromSeconds(120)))
        {
            AssertCompleteListing(mount, "plain");
            Assert.True(plain.LastBigListingSkippedTransition, "after the readdir_ino mount ended, listings should skip the transition again");
        }
    }

    private void AssertCompleteListing(InProcessMount mount, string directory)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (names, errno) = LibC.ListDirectory(mount[directory]);
        Assert.Equal(0, errno);
        var listed = names.Select(n => Encoding.UTF8.GetString(n)).ToList();
        Output.WriteLine($"/{directory}: {listed.Count} entries in {clock.ElapsedMilliseconds} ms");
        Assert.True(BytePathFs.IsCompleteBigListing(listed), $"/{directory} did not list its {BytePathFs.BigDirectorySize} entries exactly once");
    }

    /// <summary>
    /// Threads that allocate and force a blocking gen0 collection about every millisecond until disposed: each
    /// collection must suspend the listing thread, wherever it is. (Back-to-back full collections starve every
    /// callback into managed code, which measures the GC, not FuseGen.)
    /// </summary>
    private sealed class Collector : IDisposable
    {
        private readonly List<Thread> threads = new();
        private volatile bool stop;
        private int collections;

        public Collector(int threads)
        {
            for (var i = 0; i < threads; i++)
            {
                var thread = new Thread(Run) { IsBackground = true, Name = "forced GC " + i };
                this.threads.Add(thread);
                thread.Start();
            }
        }

        public int Collections => Volatile.Read(ref collections);

        public int Stop()
        {
            stop = true;
            foreach (var thread in threads)
            {
                thread.Join();
            }

            return Collections;
        }

        public void Dispose() => Stop();

        private void Run()
        {
            while (!stop)
            {
                GC.KeepAlive(new byte[1024]);
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                Interlocked.Increment(ref collections);
                Thread.Sleep(1);
            }
        }
    }
}
