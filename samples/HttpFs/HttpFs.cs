using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FuseGen;

namespace HttpFs;

/// <summary>
/// A flat directory of the files an HTTP server publishes, read with range requests: async all the way down, so a
/// slow server holds no libfuse worker, and a reader's Ctrl-C (the kernel's interrupt) cancels the HTTP call.
/// </summary>
/// <remarks>
/// <para>The server's protocol: <c>GET {base}index</c> lists one file per line, <c>name TAB length TAB version</c>
/// (the version changes whenever the content does); <c>GET {base}files/{name}</c> with a <c>Range</c> header
/// answers those bytes.</para>
/// <para>Metadata comes from the last index read (<see cref="RefreshAsync(CancellationToken)"/>), so lookups and
/// getattr complete at once (a completed <c>ValueTask</c>, answered inline); only reads wait for the network. The
/// version is the file's mtime: when a refresh finds a new one, the kernel drops its cached pages at its next
/// getattr, or at once through <see cref="RefreshAsync(InodeNotifier, CancellationToken)"/>.</para>
/// </remarks>
[FuseInodeFileSystem]
public sealed partial class HttpFs
{
    private const ulong Root = 1;

    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly ConcurrentDictionary<string, ulong> inodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ulong, RemoteFile> files = new();
    private long nextInode = (long)Root;
    private long cancelledReads;
    private long rangeRequests;

    /// <summary>Serves the files published under <paramref name="baseUri"/> (which ends with '/').</summary>
    public HttpFs(HttpClient http, Uri baseUri)
    {
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.baseUri = baseUri ?? throw new ArgumentNullException(nameof(baseUri));
    }

    /// <summary>Reads whose HTTP call was cancelled by the kernel's interrupt (or the unmount).</summary>
    public long CancelledReads => Interlocked.Read(ref cancelledReads);

    /// <summary>Range requests sent to the server.</summary>
    public long RangeRequests => Interlocked.Read(ref rangeRequests);

    /// <summary>The inode number of a file of the index.</summary>
    public ulong InodeOf(string name) => inodes[name];

    /// <summary>Reads the server's index; returns the inodes of the files whose length or version changed.</summary>
    public async Task<IReadOnlyList<ulong>> RefreshAsync(CancellationToken cancellation)
    {
        var index = await http.GetStringAsync(new Uri(baseUri, "index"), cancellation).ConfigureAwait(false);
        var changed = new List<ulong>();
        foreach (var line in index.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length != 3 || fields[0].Length == 0 || fields[0].Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var file = new RemoteFile(fields[0], long.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture));
            var inode = inodes.GetOrAdd(file.Name, _ => (ulong)Interlocked.Increment(ref nextInode));
            if (files.TryGetValue(inode, out var known) && known != file)
            {
                changed.Add(inode);
            }

            files[inode] = file;
        }

        return changed;
    }

    /// <summary>
    /// Reads the index and tells the kernel about every file that changed (its cached data and attributes are
    /// dropped), so the next read through the mount sees the new content whatever the cache timeouts. Returns how
    /// many changed. Call it from outside the filesystem's operations (a timer, a change feed).
    /// </summary>
    public async Task<int> RefreshAsync(InodeNotifier notifier, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        var changed = await RefreshAsync(cancellation).ConfigureAwait(false);
        foreach (var inode in changed)
        {
            notifier.InvalidateInode(inode);
        }

        return changed.Count;
    }

    [Lookup]
    private Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        if (parent != Root || !inodes.TryGetValue(Encoding.UTF8.GetString(name), out var inode) || !files.TryGetValue(inode, out var file))
        {
            return Errno.ENOENT;
        }

        entry = new InodeEntry(inode, Attributes(inode, file));
        return Errno.None;
    }

    [Getattr]
    private ValueTask<Stat> GetattrAsync(ulong node) =>
        node == Root ? new(RootAttributes()) :
        files.TryGetValue(node, out var file) ? new(Attributes(node, file)) :
        ValueTask.FromException<Stat>(new FuseException(Errno.ENOENT));

    // No flags of its own: the mount's keep_cache and direct_io apply.
    [Open]
    private static void Open(ulong node)
    {
    }

    [Read]
    private async ValueTask<int> ReadAsync(ulong node, Memory<byte> buffer, long offset, CancellationToken cancellation)
    {
        var file = files.TryGetValue(node, out var known) ? known : throw new FuseException(Errno.ENOENT);
        if (offset >= file.Length || buffer.Length == 0)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, file.Length - offset);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "files/" + Uri.EscapeDataString(file.Name)));
        request.Headers.Range = new RangeHeaderValue(offset, offset + count - 1);
        Interlocked.Increment(ref rangeRequests);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new FuseException(Errno.ENOENT);
            }

            // 200 would be the whole file: only a server that honours the range may answer a read past the start.
            if (response.StatusCode != HttpStatusCode.PartialContent && !(response.StatusCode == HttpStatusCode.OK && offset == 0))
            {
                throw new FuseException(Errno.EIO, $"{request.RequestUri} answered {(int)response.StatusCode} to a range request");
            }

            var body = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await body.ReadAtLeastAsync(buffer[..count], count, throwOnEndOfStream: false, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Answered EINTR by FuseGen: the caller was interrupted, and the HTTP call went with it.
            Interlocked.Increment(ref cancelledReads);
            throw;
        }
        catch (HttpRequestException e)
        {
            throw new FuseException(Errno.EIO, $"{request.RequestUri}: {e.Message}");
        }
    }

    [Readdir]
    private ValueTask ReaddirAsync(ulong node, AsyncDirectoryFiller entries)
    {
        if (node != Root)
        {
            return ValueTask.FromException(new FuseException(Errno.ENOTDIR));
        }

        entries.Add("."u8, Root, FileType.Directory);
        entries.Add(".."u8, Root, FileType.Directory);
        foreach (var (inode, file) in files)
        {
            if (!entries.Add(Encoding.UTF8.GetBytes(file.Name), inode, FileType.Regular))
            {
                break;
            }
        }

        return ValueTask.CompletedTask;
    }

    private static Stat RootAttributes() => new()
    {
        Inode = Root,
        Type = FileType.Directory,
        Links = 2,
        Permissions = System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserExecute | System.IO.UnixFileMode.GroupRead | System.IO.UnixFileMode.GroupExecute | System.IO.UnixFileMode.OtherRead | System.IO.UnixFileMode.OtherExecute,
    };

    private static Stat Attributes(ulong inode, RemoteFile file)
    {
        var stat = new Stat
        {
            Inode = inode,
            Type = FileType.Regular,
            Links = 1,
            Size = file.Length,
            Permissions = System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.GroupRead | System.IO.UnixFileMode.OtherRead,
        };
        stat.SetAllTimes(new TimeSpec(file.Version, 0));
        return stat;
    }
}
