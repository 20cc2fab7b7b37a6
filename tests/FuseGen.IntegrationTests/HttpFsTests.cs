using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.IntegrationTests.HttpStore;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>
/// samples/HttpFs (compiled into this project) mounted in process over a local HTTP server: range reads through the
/// mount, a reader's SIGINT cancelling the HTTP call, and a remote change made visible by a refresh's notifications.
/// </summary>
[Collection(MountCollection.Name)]
public sealed class HttpFsTests : MountTest
{
    private const int SIGINT = 2;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public HttpFsTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public async Task Files_are_listed_and_read_with_range_requests()
    {
        using var store = new LocalHttpStore();
        var big = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 13)).ToArray();
        store.Put("big", big);
        store.Put("hello.txt", Encoding.UTF8.GetBytes("hello over http\n"));
        using var http = new HttpClient();
        var fs = new global::HttpFs.HttpFs(http, store.BaseUri);
        await fs.RefreshAsync(CancellationToken.None);
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path, new MountOptions { ReadOnly = true });

        Assert.Equal(new[] { "big", "hello.txt" }, Directory.GetFiles(mountPoint.Path).Select(Path.GetFileName).Order());
        Assert.Equal("hello over http\n", File.ReadAllText(Path.Combine(mountPoint.Path, "hello.txt")));
        Assert.Equal(big, File.ReadAllBytes(Path.Combine(mountPoint.Path, "big")));
        Assert.True(store.RangeRequests >= 3, $"{store.RangeRequests} range requests for a 300,000-byte file");
        Output.WriteLine($"{fs.RangeRequests} range requests sent, {store.RangeRequests} received");
    }

    // direct_io: a read is then a foreground request the kernel interrupts (readahead never is).
    [MountFact]
    public async Task Sigint_to_a_reader_cancels_its_http_call()
    {
        using var store = new LocalHttpStore { DownloadDelay = TimeSpan.FromSeconds(30) };
        store.Put("slow", Encoding.UTF8.GetBytes("never read\n"));
        using var http = new HttpClient();
        var fs = new global::HttpFs.HttpFs(http, store.BaseUri);
        await fs.RefreshAsync(CancellationToken.None);
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, timeout: TimeSpan.FromSeconds(60), log: Output.WriteLine);
        await using var mount = Fuse.Mount(fs, mountPoint.Path, new MountOptions { DirectIo = true, ReadOnly = true });

        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(InterruptibleReader.Script);
        info.ArgumentList.Add(Path.Combine(mountPoint.Path, "slow"));
        using var reader = Process.Start(info)!;
        var output = reader.StandardOutput.ReadToEndAsync();
        try
        {
            Assert.True(SpinWait.SpinUntil(() => store.DownloadsWaiting > 0, Bound), "the read never reached the server");
            var clock = Stopwatch.StartNew();
            Assert.Equal(0, LibC.Kill(reader.Id, SIGINT));
            await reader.WaitForExitAsync().WaitAsync(Bound);
            var elapsed = clock.Elapsed;

            Assert.Contains("errno 4", await output);
            Assert.True(SpinWait.SpinUntil(() => fs.CancelledReads == 1, Bound), $"{fs.CancelledReads} HTTP calls cancelled");
            Output.WriteLine($"reader returned EINTR {elapsed.TotalMilliseconds:F0} ms after SIGINT; HTTP calls cancelled: {fs.CancelledReads}");

            // The server waits 30 s: anything well under it came from the interrupt, not the download.
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"{elapsed}");
        }
        finally
        {
            if (!reader.HasExited)
            {
                reader.Kill();
            }
        }
    }

    [MountFact]
    public async Task A_remote_change_is_visible_after_a_refresh_with_long_cache_timeouts()
    {
        using var store = new LocalHttpStore();
        store.Put("data", Encoding.UTF8.GetBytes("version 1\n"));
        using var http = new HttpClient();
        var fs = new global::HttpFs.HttpFs(http, store.BaseUri);
        await fs.RefreshAsync(CancellationToken.None);
        using var mountPoint = TempMountPoint.Create();
        using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
        // Read-only: see AsyncInodeMountTests for why a writable mount re-asks getattr after each read.
        await using var mount = Fuse.Mount(fs, mountPoint.Path, new MountOptions { EntryTimeout = 60, AttrTimeout = 60, KernelCache = true, ReadOnly = true });
        var data = Path.Combine(mountPoint.Path, "data");

        Assert.Equal("version 1\n", File.ReadAllText(data));
        store.Put("data", Encoding.UTF8.GetBytes("version 2, longer\n"));
        var requests = fs.RangeRequests;
        Assert.Equal("version 1\n", File.ReadAllText(data));
        Assert.Equal(requests, fs.RangeRequests);

        Assert.Equal(1, await fs.RefreshAsync(mount.Notifications, CancellationToken.None));
        Assert.Equal("version 2, longer\n", File.ReadAllText(data));
        Assert.Equal(0, mount.Notifications.Failed);
    }
}
