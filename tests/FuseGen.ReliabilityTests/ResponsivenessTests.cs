using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using FuseGen.ReliabilityTests.FileSystems;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// A read that blocks for 10 s inside the filesystem holds one libfuse worker thread and nothing else: stat, readdir
/// and reads of other files go on. With <c>-s</c> (one thread) everything waits for it instead.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ResponsivenessTests : MountTest
{
    private static readonly byte[] Content = Enumerable.Range(0, 8192).Select(i => (byte)(i % 251)).ToArray();

    public ResponsivenessTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void A_read_blocked_for_10_s_does_not_delay_other_operations()
    {
        var block = TimeSpan.FromSeconds(10);
        var plan = new FaultPlan();
        var fs = Populate(new FaultFs(plan));
        using var gate = new ManualResetEventSlim(false);
        var rule = plan.Add("read", "/slow", Fault.Block(gate, block));
        using var mount = InProcessMount.Start(fs, Options(singleThreaded: false), Output, TimeSpan.FromSeconds(60));

        var blocked = StartBlockedRead(mount, out var blockedResult);
        Assert.True(rule.Entered.Wait(TimeSpan.FromSeconds(10)), "the slow read never reached the filesystem");

        // Until the blocked read returns, three threads keep calling stat, readdir and read on other files.
        var stats = new Latencies();
        var listings = new Latencies();
        var reads = new Latencies();
        var sameFileStats = new Latencies();
        var errors = new ConcurrentQueue<string>();
        var finishedBeforeTheBlockedRead = 0;
        var callers = new[]
        {
            Caller("stat", stats, i => LibC.Stat(mount[$"other{i % 4}"]).Errno == 0 && LibC.Stat(mount[$"other{i % 4}"]).Stat.Size == Content.Length),
            Caller("readdir", listings, _ => LibC.ListDirectory(mount["dir"]) is { Errno: 0, Names.Count: 3 }),
            Caller("read", reads, i => ReadsContent(mount[$"other{i % 4}"])),
            Caller("stat of the blocked file", sameFileStats, _ => LibC.Stat(mount["slow"]).Errno == 0),
        }.ToList();

        Thread Caller(string name, Latencies latencies, Func<int, bool> call) => new(() =>
        {
            for (var i = 0; !blocked.IsCompleted; i++)
            {
                var clock = Stopwatch.StartNew();
                var ok = call(i);
                latencies.Add(clock.Elapsed);
                if (!ok)
                {
                    errors.Enqueue($"{name} #{i} failed");
                }
                else if (!blocked.IsCompleted)
                {
                    Interlocked.Increment(ref finishedBeforeTheBlockedRead);
                }

                Thread.Sleep(2);
            }
        }) { IsBackground = true, Name = name };

        callers.ForEach(t => t.Start());
        Assert.True(blocked.Wait(block + TimeSpan.FromSeconds(20)), "the blocked read never returned");
        callers.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(20)), $"{t.Name} is stuck"));

        var blockedFor = blockedResult.Elapsed;
        Output.WriteLine($"read blocked in the filesystem for {blockedFor.TotalSeconds:0.00} s; meanwhile ({finishedBeforeTheBlockedRead} calls completed):");
        Output.WriteLine($"  stat of other files: {stats}");
        Output.WriteLine($"  readdir:             {listings}");
        Output.WriteLine($"  read of other files: {reads}");
        Output.WriteLine($"  stat of the blocked file: {sameFileStats}");
        Output.WriteLine($"  within 100 ms: stat {Within(stats, 100)}, readdir {Within(listings, 100)}, read {Within(reads, 100)}");

        Assert.True(errors.IsEmpty, string.Join("\n", errors.Take(10)));
        Assert.True(blockedResult.Ok, "the blocked read returned wrong data");
        Assert.True(blockedFor >= block - TimeSpan.FromMilliseconds(500), $"the read was not blocked for {block.TotalSeconds} s but {blockedFor.TotalSeconds:0.00} s");

        // Each kind of call kept completing while the read was blocked: dozens of times, never waiting for it. The
        // bound is generous (a loaded two-core machine); waiting for the blocked read would take seconds.
        foreach (var (name, latencies) in new[] { ("stat", stats), ("readdir", listings), ("read", reads), ("stat of the blocked file", sameFileStats) })
        {
            Assert.True(latencies.Count >= 20, $"only {latencies.Count} {name} calls completed in {blockedFor.TotalSeconds:0.0} s");
            Assert.True(latencies.Max < 2000, $"a {name} took {latencies.Max:0} ms while a read was blocked: it waited ({latencies})");
        }
    }

    [MountFact]
    public void With_s_everything_waits_for_the_blocked_read()
    {
        var block = TimeSpan.FromSeconds(2);
        var plan = new FaultPlan();
        var fs = Populate(new FaultFs(plan));
        using var gate = new ManualResetEventSlim(false);
        var rule = plan.Add("read", "/slow", Fault.Block(gate, block));
        using var mount = InProcessMount.Start(fs, Options(singleThreaded: true), Output);

        var blocked = StartBlockedRead(mount, out var blockedResult);
        Assert.True(rule.Entered.Wait(TimeSpan.FromSeconds(10)), "the slow read never reached the filesystem");
        var clock = Stopwatch.StartNew();
        var stat = LibC.Stat(mount["other0"]);
        var statDone = Stopwatch.GetTimestamp();
        var waited = clock.Elapsed;
        Assert.True(blocked.Wait(TimeSpan.FromSeconds(20)), "the blocked read never returned");

        Output.WriteLine($"-s: a stat issued while a read was blocked for {block.TotalSeconds:0} s took {waited.TotalMilliseconds:0} ms");
        Assert.Equal(0, stat.Errno);
        Assert.True(blockedResult.Ok);
        Assert.True(statDone >= rule.LastExit, "with -s the stat completed while the read was still blocked in the filesystem");
        Assert.True(waited >= TimeSpan.FromSeconds(1), $"with -s the stat should wait for the blocked read, it took {waited.TotalMilliseconds:0} ms");
    }

    /// <summary>
    /// libfuse starts a worker per request in flight up to <c>max_threads</c>, and FuseGen adds no threads per
    /// request: with 16 reads blocked in the filesystem and max_threads=4, exactly 4 are inside it, and the process
    /// has at most 4 threads more than before (the kernel queues the rest); all 16 complete once released.
    /// </summary>
    [MountFact]
    public void Worker_threads_stay_within_max_threads_when_requests_pile_up()
    {
        const int MaxThreads = 4;
        const int Readers = 16;
        var plan = new FaultPlan();
        var fs = Populate(new FaultFs(plan));
        using var gate = new ManualResetEventSlim(false);
        var rule = plan.Add("read", "/slow", Fault.Block(gate, TimeSpan.FromSeconds(30)));
        var options = Options(singleThreaded: false);
        options.MaxThreads = MaxThreads;
        using var mount = InProcessMount.Start(fs, options, Output, TimeSpan.FromSeconds(90));
        Assert.True(ReadsContent(mount["other0"])); // the loop and a first worker are up
        var before = OwnThreads();

        var readers = Enumerable.Range(0, Readers).Select(i => new Thread(() => ReadsContent(mount["slow"])) { IsBackground = true, Name = "blocked reader " + i }).ToList();
        var extraThreads = readers.Count; // the readers are threads of this process too
        readers.ForEach(t => t.Start());
        var clock = Stopwatch.StartNew();
        while (rule.Waiting < MaxThreads && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(10);
        }

        Thread.Sleep(500); // time for any worker beyond the limit to show up
        var inside = rule.Waiting;
        var during = OwnThreads() - extraThreads;
        gate.Set();
        readers.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a reader never returned after the gate opened"));

        Output.WriteLine($"max_threads={MaxThreads}, {Readers} blocked reads: {inside} inside the filesystem; threads {before} before, {during} during (readers not counted); {rule.Hits} reads served in all");
        Assert.Equal(MaxThreads, inside);
        Assert.InRange(during - before, 0, MaxThreads);
        Assert.Equal(Readers, rule.Hits);
    }

    /// <summary>Threads of this process but the thread pool's, whose number the pool adjusts by itself.</summary>
    private static int OwnThreads() => ProcessStats.CountThreads() - ProcessStats.CountPoolThreads();

    private static FaultFs Populate(FaultFs fs)
    {
        fs.Seed("/slow", Content);
        for (var i = 0; i < 4; i++)
        {
            fs.Seed($"/other{i}", Content);
        }

        foreach (var name in new[] { "a", "b", "c" })
        {
            fs.Seed("/dir/" + name, Content);
        }

        return fs;
    }

    private static MountOptions Options(bool singleThreaded) => new()
    {
        AttrTimeout = 0,
        EntryTimeout = 0,
        NegativeTimeout = 0,
        DirectIo = true,
        SingleThreaded = singleThreaded,
    };

    private static bool ReadsContent(string path)
    {
        var (fd, errno) = LibC.Open(path, LibC.O_RDONLY);
        if (errno != 0)
        {
            return false;
        }

        try
        {
            var buffer = new byte[Content.Length];
            return LibC.PRead(fd, buffer, 0).Count == Content.Length && buffer.AsSpan().SequenceEqual(Content);
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    private static System.Threading.Tasks.Task StartBlockedRead(InProcessMount mount, out BlockedRead result)
    {
        var read = new BlockedRead();
        result = read;
        return System.Threading.Tasks.Task.Factory.StartNew(
            () =>
            {
                var clock = Stopwatch.StartNew();
                read.Ok = ReadsContent(mount["slow"]);
                read.Elapsed = clock.Elapsed;
            },
            System.Threading.Tasks.TaskCreationOptions.LongRunning);
    }

    private static string Within(Latencies latencies, double milliseconds) =>
        $"{100.0 * latencies.FractionWithin(milliseconds):0.#}%";

    private sealed class BlockedRead
    {
        public bool Ok { get; set; }

        public TimeSpan Elapsed { get; set; }
    }
}
