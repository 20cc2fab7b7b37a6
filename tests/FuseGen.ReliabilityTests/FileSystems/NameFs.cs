using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using FuseGen;

namespace FuseGen.ReliabilityTests.FileSystems;

/// <summary>
/// A tree of empty files and directories whose methods take paths as <c>ReadOnlySpan&lt;byte&gt;</c>: names are
/// bytes, stored and listed exactly as the kernel passed them (invalid UTF-8 included). Also serves two synthetic
/// directories of <see cref="BigDirectorySize"/> entries: <c>/plain</c> listed in one go (no offsets) and
/// <c>/paged</c> listed with offsets, a buffer at a time.
/// </summary>
[FuseFileSystem]
internal sealed partial class BytePathFs
{
    public const int BigDirectorySize = 100_000;

    private readonly object gate = new();
    private readonly Dictionary<string, bool> nodes = new(StringComparer.Ordinal) { [Key("/"u8)] = true };
    private int longestPath;

    /// <summary>Sets libfuse's <c>readdir_ino</c> in init (libfuse 3 has no mount option for it).</summary>
    public bool ReaddirIno { get; init; }

    /// <summary>Whether the last listing of <c>/plain</c> or <c>/paged</c> reached the filler without a GC transition; null before one.</summary>
    public bool? LastBigListingSkippedTransition { get; private set; }

    /// <summary>The longest path, in bytes, any request carried.</summary>
    public int LongestPath => Volatile.Read(ref longestPath);

    /// <summary>Paths as the kernel sent them, one string per byte (Latin-1), so any byte sequence is a distinct key.</summary>
    private static string Key(ReadOnlySpan<byte> path) => Encoding.Latin1.GetString(path);

    public static string BigEntry(int index) => "entry-" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="listed"/> holds each of the <see cref="BigDirectorySize"/> entries exactly once.</summary>
    public static bool IsCompleteBigListing(IReadOnlyCollection<string> listed) =>
        listed.Count == BigDirectorySize &&
        Enumerable.Range(0, BigDirectorySize).Select(BigEntry).ToHashSet(StringComparer.Ordinal).SetEquals(listed);

    private void Saw(ReadOnlySpan<byte> path)
    {
        int seen;
        while (path.Length > (seen = Volatile.Read(ref longestPath)) && Interlocked.CompareExchange(ref longestPath, path.Length, seen) != seen)
        {
        }
    }

    [Getattr]
    private Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat)
    {
        Saw(path);
        bool isDirectory;
        if (path.SequenceEqual("/plain"u8) || path.SequenceEqual("/paged"u8))
        {
            isDirectory = true;
        }
        else if ((path.StartsWith("/plain/"u8) || path.StartsWith("/paged/"u8)) && path.Length == "/plain/entry-000000".Length)
        {
            isDirectory = false;
        }
        else
        {
            lock (gate)
            {
                if (!nodes.TryGetValue(Key(path), out isDirectory))
                {
                    return Errno.ENOENT;
                }
            }
        }

        stat.Type = isDirectory ? FileType.Directory : FileType.Regular;
        stat.Permissions = isDirectory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4;
        stat.Links = isDirectory ? 2u : 1u;
        return Errno.None;
    }

    [Init]
    private void Init(FuseConfig config) => config.ReaddirIno = ReaddirIno;

    [Mkdir]
    private Errno Mkdir(ReadOnlySpan<byte> path)
    {
        Saw(path);
        lock (gate)
        {
            return nodes.TryAdd(Key(path), true) ? Errno.None : Errno.EEXIST;
        }
    }

    [Create]
    private Errno Create(ReadOnlySpan<byte> path)
    {
        Saw(path);
        lock (gate)
        {
            nodes[Key(path)] = false;
            return Errno.None;
        }
    }

    [Open]
    private Errno Open(ReadOnlySpan<byte> path)
    {
        Saw(path);
        return Errno.None;
    }

    [Readdir]
    private Errno ReadDir(ReadOnlySpan<byte> path, ref DirectoryFiller entries, long offset)
    {
        if (path.SequenceEqual("/plain"u8) || path.SequenceEqual("/paged"u8))
        {
            LastBigListingSkippedTransition = entries.SkipsTransition;
        }

        if (path.SequenceEqual("/plain"u8))
        {
            for (var i = 0; i < BigDirectorySize; i++)
            {
                entries.Add(BigEntry(i));
            }

            return Errno.None;
        }

        if (path.SequenceEqual("/paged"u8))
        {
            for (var i = (int)offset; i < BigDirectorySize; i++)
            {
                if (!entries.Add(BigEntry(i), i + 1))
                {
                    break;
                }
            }

            return Errno.None;
        }

        string[] children;
        lock (gate)
        {
            var prefix = Key(path) == "/" ? "/" : Key(path) + "/";
            children = nodes.Keys.Where(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) < 0)
                .Select(k => k.Substring(prefix.Length)).ToArray();
        }

        entries.Add("."u8);
        entries.Add(".."u8);
        foreach (var child in children)
        {
            entries.Add(Encoding.Latin1.GetBytes(child));
        }

        return Errno.None;
    }
}

/// <summary>
/// The same tree with <c>string</c> paths: FuseGen decodes the kernel's bytes as UTF-8, invalid sequences becoming
/// U+FFFD, so this filesystem sees (and lists) the decoded names. Records every path it received.
/// </summary>
[FuseFileSystem]
internal sealed partial class StringPathFs
{
    private readonly object gate = new();
    private readonly Dictionary<string, bool> nodes = new(StringComparer.Ordinal) { ["/"] = true };

    public ConcurrentQueue<string> Received { get; } = new();

    [Getattr]
    private Errno GetAttr(string path, ref Stat stat)
    {
        Received.Enqueue(path);
        lock (gate)
        {
            if (!nodes.TryGetValue(path, out var isDirectory))
            {
                return Errno.ENOENT;
            }

            stat.Type = isDirectory ? FileType.Directory : FileType.Regular;
            stat.Permissions = isDirectory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4;
            stat.Links = isDirectory ? 2u : 1u;
            return Errno.None;
        }
    }

    [Create]
    private Errno Create(string path)
    {
        Received.Enqueue(path);
        lock (gate)
        {
            nodes[path] = false;
            return Errno.None;
        }
    }

    [Open]
    private Errno Open(string path) => Errno.None;

    [Readdir]
    private void ReadDir(string path, ref DirectoryFiller entries)
    {
        string[] children;
        lock (gate)
        {
            var prefix = path == "/" ? "/" : path + "/";
            children = nodes.Keys.Where(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.Ordinal) && k.IndexOf('/', prefix.Length) < 0)
                .Select(k => k.Substring(prefix.Length)).ToArray();
        }

        entries.Add(".");
        entries.Add("..");
        foreach (var child in children)
        {
            entries.Add(child);
        }
    }
}
