using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FuseGen;

namespace HttpFs;

/// <summary>
/// <c>HttpFs URL MOUNTPOINT [-f] [-o opt,...]</c>: mounts the files the server at URL publishes (see <see cref="HttpFs"/>),
/// re-reading its index every 5 seconds; with the mount's 5-second attribute timeout a changed file shows its new
/// content within about 10 seconds. Reads use direct_io so a Ctrl-C on a reader cancels its HTTP call.
/// </summary>
internal static class Program
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private static int Main(string[] args)
    {
        if (args.Length < 2 || !Uri.TryCreate(args[0], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine("usage: HttpFs URL MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]");
            return 2;
        }

        var baseUri = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        using var http = new HttpClient();
        var fileSystem = new HttpFs(http, baseUri);
        try
        {
            fileSystem.RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException)
        {
            Console.Error.WriteLine($"HttpFs: cannot read {baseUri}index: {e.Message}");
            return 1;
        }

        using var stop = new CancellationTokenSource();
        var refresher = Task.Run(() => RefreshAsync(fileSystem, stop.Token));
        var defaults = new MountOptions { DirectIo = true, EntryTimeout = 5, AttrTimeout = 5 };
        var exitCode = Fuse.Main(fileSystem, args[1..], defaults);
        stop.Cancel();
        refresher.Wait(TimeSpan.FromSeconds(5));
        return exitCode;
    }

    private static async Task RefreshAsync(HttpFs fileSystem, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    await fileSystem.RefreshAsync(stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or FormatException)
                {
                    Console.Error.WriteLine($"HttpFs: index not refreshed: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Unmounted.
        }
    }
}
