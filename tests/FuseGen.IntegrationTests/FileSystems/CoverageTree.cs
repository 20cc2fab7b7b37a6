using System;
using System.Collections.Generic;
using System.Linq;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>One file, directory, symbolic link or FIFO of a <see cref="CoverageTree"/>; hard links share it.</summary>
internal sealed class CoverageNode
{
    public FileType Type { get; init; }

    public uint Permissions { get; set; }

    public uint Uid { get; set; }

    public uint Gid { get; set; }

    public ulong Links { get; set; } = 1;

    public byte[] Data { get; set; } = Array.Empty<byte>();

    public string? Target { get; init; }

    public Dictionary<string, byte[]> Xattrs { get; } = new(StringComparer.Ordinal);

    public TimeSpec AccessTime { get; set; }

    public TimeSpec ModificationTime { get; set; }

    public void Resize(long length)
    {
        var data = Data;
        Array.Resize(ref data, checked((int)length));
        Data = data;
    }
}

/// <summary>
/// The small in-memory tree behind the coverage filesystems: absolute paths to nodes, under one lock. Just enough
/// for the operations to do what they say, so each test can check the effect as well as the call.
/// </summary>
internal sealed class CoverageTree
{
    private readonly Dictionary<string, CoverageNode> nodes = new(StringComparer.Ordinal)
    {
        ["/"] = new CoverageNode { Type = FileType.Directory, Permissions = 0x1ED, Links = 2 },
    };

    public object Gate { get; } = new();

    public CoverageNode? Find(string path)
    {
        lock (Gate)
        {
            return nodes.TryGetValue(path, out var node) ? node : null;
        }
    }

    /// <summary>Adds <paramref name="node"/> at <paramref name="path"/>: EEXIST if taken, ENOENT without a parent directory.</summary>
    public Errno Add(string path, CoverageNode node)
    {
        lock (Gate)
        {
            if (nodes.ContainsKey(path))
            {
                return Errno.EEXIST;
            }

            if (!nodes.TryGetValue(Parent(path), out var parent) || parent.Type != FileType.Directory)
            {
                return Errno.ENOENT;
            }

            node.AccessTime = node.ModificationTime = TimeSpec.UtcNow;
            nodes.Add(path, node);
            return Errno.None;
        }
    }

    public Errno Remove(string path, bool directory)
    {
        lock (Gate)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                return Errno.ENOENT;
            }

            if ((node.Type == FileType.Directory) != directory)
            {
                return directory ? Errno.ENOTDIR : Errno.EISDIR;
            }

            if (directory && Children(path).Any())
            {
                return Errno.ENOTEMPTY;
            }

            nodes.Remove(path);
            node.Links--;
            return Errno.None;
        }
    }

    /// <summary>Moves <paramref name="from"/> (with everything below it) to <paramref name="to"/>, replacing a file there.</summary>
    public Errno Move(string from, string to)
    {
        lock (Gate)
        {
            if (!nodes.ContainsKey(from))
            {
                return Errno.ENOENT;
            }

            foreach (var path in nodes.Keys.Where(p => p == from || p.StartsWith(from + "/", StringComparison.Ordinal)).ToList())
            {
                var node = nodes[path];
                nodes.Remove(path);
                nodes[to + path[from.Length..]] = node;
            }

            return Errno.None;
        }
    }

    public Errno Link(string from, string to)
    {
        lock (Gate)
        {
            if (!nodes.TryGetValue(from, out var node))
            {
                return Errno.ENOENT;
            }

            var added = Add(to, node);
            if (added == Errno.None)
            {
                node.Links++;
            }

            return added;
        }
    }

    /// <summary>The names directly below <paramref name="directory"/>.</summary>
    public IReadOnlyList<string> Children(string directory)
    {
        lock (Gate)
        {
            var prefix = directory == "/" ? "/" : directory + "/";
            return nodes.Keys
                .Where(p => p.Length > prefix.Length && p.StartsWith(prefix, StringComparison.Ordinal) && p.IndexOf('/', prefix.Length) < 0)
                .Select(p => p[prefix.Length..])
                .Order(StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>getattr: the node's attributes, or ENOENT.</summary>
    public Errno Stat(string path, ref Stat stat)
    {
        lock (Gate)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                return Errno.ENOENT;
            }

            Fill(node, ref stat);
            return Errno.None;
        }
    }

    /// <summary>read: copies from <paramref name="offset"/>; returns the count or -ENOENT.</summary>
    public int Read(string path, Span<byte> buffer, long offset)
    {
        lock (Gate)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                return -(int)Errno.ENOENT;
            }

            var count = (int)Math.Clamp(node.Data.Length - offset, 0, buffer.Length);
            node.Data.AsSpan((int)Math.Min(offset, node.Data.Length), count).CopyTo(buffer);
            return count;
        }
    }

    /// <summary>write: stores at <paramref name="offset"/>, growing the file; returns the count or -ENOENT.</summary>
    public int Write(string path, ReadOnlySpan<byte> data, long offset)
    {
        lock (Gate)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                return -(int)Errno.ENOENT;
            }

            if (offset + data.Length > node.Data.Length)
            {
                node.Resize(offset + data.Length);
            }

            data.CopyTo(node.Data.AsSpan((int)offset));
            return data.Length;
        }
    }

    private static void Fill(CoverageNode node, ref Stat stat)
    {
        stat.Type = node.Type;
        stat.Permissions = (System.IO.UnixFileMode)node.Permissions;
        stat.Links = node.Links;
        stat.Uid = node.Uid;
        stat.Gid = node.Gid;
        stat.Size = node.Type == FileType.SymbolicLink ? node.Target!.Length : node.Data.Length;
        stat.AccessTime = node.AccessTime;
        stat.ModificationTime = node.ModificationTime;
        stat.ChangeTime = node.ModificationTime;
    }

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
