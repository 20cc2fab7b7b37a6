using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FuseGen.IntegrationTests.HttpStore;

/// <summary>
/// An HTTP server on 127.0.0.1 speaking samples/HttpFs's protocol (<c>index</c>, <c>files/{name}</c> with ranges),
/// whose file downloads can be made slow: the remote store of the HttpFs tests.
/// </summary>
internal sealed class LocalHttpStore : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, (byte[] Content, long Version)> files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long version;
    private int downloadsWaiting;
    private long rangeRequests;

    public LocalHttpStore()
    {
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/store/");
        listener.Prefixes.Add(BaseUri.AbsoluteUri);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    /// <summary>How long each file download waits before answering (on the server's side: the backend's latency).</summary>
    public TimeSpan DownloadDelay { get; set; }

    /// <summary>Downloads waiting out <see cref="DownloadDelay"/> now.</summary>
    public int DownloadsWaiting => Volatile.Read(ref downloadsWaiting);

    /// <summary>Requests that asked for a byte range.</summary>
    public long RangeRequests => Interlocked.Read(ref rangeRequests);

    /// <summary>Adds or changes a file (a new version each time).</summary>
    public void Put(string name, byte[] content) => files[name] = (content, Interlocked.Increment(ref version) + 1_700_000_000);

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The listener's pending GetContextAsync fails when it stops.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url!.AbsolutePath[BaseUri.AbsolutePath.Length..];
            if (path == "index")
            {
                var index = string.Concat(files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}\t{f.Value.Content.Length}\t{f.Value.Version}\n"));
                await WriteAsync(response, 200, Encoding.UTF8.GetBytes(index)).ConfigureAwait(false);
                return;
            }

            if (!path.StartsWith("files/", StringComparison.Ordinal) || !files.TryGetValue(Uri.UnescapeDataString(path["files/".Length..]), out var file))
            {
                await WriteAsync(response, 404, []).ConfigureAwait(false);
                return;
            }

            if (DownloadDelay > TimeSpan.Zero)
            {
                Interlocked.Increment(ref downloadsWaiting);
                try
                {
                    await Task.Delay(DownloadDelay, stop.Token).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref downloadsWaiting);
                }
            }

            var (start, end) = (0L, file.Content.Length - 1L);
            var range = context.Request.Headers["Range"];
            if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref rangeRequests);
                var bounds = range["bytes=".Length..].Split('-');
                start = long.Parse(bounds[0], CultureInfo.InvariantCulture);
                end = Math.Min(end, long.Parse(bounds[1], CultureInfo.InvariantCulture));
                response.AddHeader("Content-Range", $"bytes {start}-{end}/{file.Content.Length}");
                await WriteAsync(response, 206, file.Content.AsSpan((int)start, (int)(end - start + 1)).ToArray()).ConfigureAwait(false);
                return;
            }

            await WriteAsync(response, 200, file.Content).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A client that went away (a cancelled read) or the server stopping.
            response.Abort();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }
}
