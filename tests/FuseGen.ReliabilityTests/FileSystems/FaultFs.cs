using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using FuseGen;

namespace FuseGen.ReliabilityTests.FileSystems;

/// <summary>
/// A small read-write in-memory filesystem whose every operation first consults a <see cref="FaultPlan"/>: it can be
/// told, per operation and per path, to throw any exception, return any errno or block on a gate. Files and
/// directories use typed handles (open/create return <see cref="OpenFile"/>, opendir <see cref="OpenDirectory"/>),
/// so faults also hit the handle path. readdir checks the plan after it has added some entries: a fault mid-listing.
/// </summary>
[FuseFileSystem]
internal sealed partial class FaultFs
{
    private readonly object gate = new();
    private readonly Dictionary<string, Node> nodes = new(StringComparer.Ordinal) { ["/"] = new Node(isDirectory: true) };
    private int openFiles;
    private int openDirectories;
    private int destroyed;

    public FaultFs(FaultPlan plan) => Plan = plan;

    public FaultPlan Plan { get; }

    /// <summary>Handles returned by open/create and not yet released.</summary>
    public int OpenFiles => Volatile.Read(ref openFiles);

    /// <summary>Handles returned by opendir and not yet released.</summary>
    public int OpenDirectories => Volatile.Read(ref openDirectories);

    /// <summary>Times destroy ran.</summary>
    public int Destroyed => Volatile.Read(ref destroyed);

    /// <summary>Creates a file (and its directories) directly, outside any request.</summary>
    public void Seed(string path, byte[] content)
    {
        lock (gate)
        {
            var parent = "/";
            foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries)[..^1])
            {
                parent = parent == "/" ? "/" + part : parent + "/" + part;
                nodes.TryAdd(parent, new Node(isDirectory: true));
            }

            nodes[path] = new Node(isDirectory: false) { Data = (byte[])content.Clone(), Length = content.Length };
        }
    }

    /// <summary>Creates an empty directory directly, outside any request.</summary>
    public void SeedDirectory(string path)
    {
        lock (gate)
        {
            nodes.TryAdd(path, new Node(isDirectory: true));
        }
    }

    [Init]
    private void Init(FuseConnectionInfo connection, FuseConfig config) => Plan.Apply("init", "/");

    [Destroy]
    private void Destroy()
    {
        Interlocked.Increment(ref destroyed);
        Plan.Apply("destroy", "/");
    }

    [Getattr]
    private Errno GetAttr(string path, ref Stat stat)
    {
        var errno = Plan.Apply("getattr", path);
        if (errno != Errno.None)
        {
            return errno;
        }

        lock (gate)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                return Errno.ENOENT;
            }

            stat.Type = node.IsDirectory ? FileType.Directory : FileType.Regular;
            stat.Permissions = node.Mode;
            stat.Links = node.IsDirectory ? 2u : 1u;
            stat.Size = node.IsDirectory ? 0 : node.Length;
            return Errno.None;
        }
    }

    [Opendir]
    private OpenDirectory OpenDir(string path)
    {
        var errno = Plan.Apply("opendir", path, out var nullHandle);
        if (errno != Errno.None)
        {
            throw new FuseException(errno);
        }

        if (nullHandle)
        {
            return null!;
        }

        lock (gate)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                throw new FuseException(Errno.ENOENT);
            }

            if (!node.IsDirectory)
            {
                throw new FuseException(Errno.ENOTDIR);
            }
        }

        Interlocked.Increment(ref openDirectories);
        return new OpenDirectory(path);
    }

    [Readdir]
    private void ReadDir(string path, ref DirectoryFiller entries, OpenDirectory directory)
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
        for (var i = 0; i < children.Length; i++)
        {
            if (i == Math.Min(1, children.Length - 1))
            {
                // Mid-listing: some entries are already in libfuse's buffer.
                var errno = Plan.Apply("readdir", directory.Path);
                if (errno != Errno.None)
                {
                    throw new FuseException(errno);
                }
            }

            entries.Add(children[i]);
        }
    }

    [Releasedir]
    private void ReleaseDir(string path, OpenDirectory directory)
    {
        Interlocked.Decrement(ref openDirectories);
        var errno = Plan.Apply("releasedir", directory.Path);
        if (errno != Errno.None)
        {
            throw new FuseException(errno);
        }
    }

    [Open]
    private OpenFile Open(string path, ref FuseGen.FileInfo info)
    {
        var errno = Plan.Apply("open", path, out var nullHandle);
        if (errno != Errno.None)
        {
            throw new FuseException(errno);
        }

        if (nullHandle)
        {
            return null!;
        }

        lock (gate)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                throw new FuseException(Errno.ENOENT);
            }

            if (node.IsDirectory)
            {
                throw new FuseException(Errno.EISDIR);
            }

            if ((info.Flags & OpenFlags.Truncate) != 0)
            {
                node.Length = 0;
            }

            Interlocked.Increment(ref openFiles);
            return new OpenFile(path, node);
        }
    }

    [Create]
    private OpenFile Create(string path, UnixFileMode mode)
    {
        var errno = Plan.Apply("create", path, out var nullHandle);
        if (errno != Errno.None)
        {
            throw new FuseException(errno);
        }

        if (nullHandle)
        {
            return null!;
        }

        lock (gate)
        {
            var node = new Node(isDirectory: false) { Mode = mode };
            nodes[path] = node;
            Interlocked.Increment(ref openFiles);
            return new OpenFile(path, node);
        }
    }

    [Read]
    private int Read(string path, Span<byte> buffer, long offset, OpenFile file)
    {
        var errno = Plan.Apply("read", file.Path);
        if (errno != Errno.None)
        {
            return -(int)errno;
        }

        lock (gate)
        {
            var node = file.Node;
            if (offset >= node.Length)
            {
                return 0;
            }

            var count = (int)Math.Min(buffer.Length, node.Length - offset);
            node.Data.AsSpan((int)offset, count).CopyTo(buffer);
            return count;
        }
    }

    [Write]
    private int Write(string path, ReadOnlySpan<byte> data, long offset, OpenFile file)
    {
        var errno = Plan.Apply("write", file.Path);
        if (errno != Errno.None)
        {
            return -(int)errno;
        }

        lock (gate)
        {
            var node = file.Node;
            var end = checked((int)(offset + data.Length));
            if (end > node.Data.Length)
            {
                var grown = new byte[Math.Max(end, node.Data.Length * 2)];
                node.Data.AsSpan(0, (int)node.Length).CopyTo(grown);
                node.Data = grown;
            }

            data.CopyTo(node.Data.AsSpan((int)offset));
            node.Length = Math.Max(node.Length, end);
            return data.Length;
        }
    }

    [Flush]
    private Errno Flush(string path, OpenFile file) => Plan.Apply("flush", file.Path);

    [Fsync]
    private Errno Fsync(string path, OpenFile file) => Plan.Apply("fsync", file.Path);

    [Release]
    private void Release(string path, OpenFile file)
    {
        Interlocked.Decrement(ref openFiles);
        var errno = Plan.Apply("release", file.Path);
        if (errno != Errno.None)
        {
            throw new FuseException(errno);
        }
    }

    [Truncate]
    private Errno Truncate(string path, long length)
    {
        var errno = Plan.Apply("truncate", path);
        if (errno != Errno.None)
        {
            return errno;
        }

        lock (gate)
        {
            if (!nodes.TryGetValue(path, out var node) || node.IsDirectory)
            {
                return Errno.ENOENT;
            }

            if (length > node.Data.Length)
            {
                Array.Resize(ref node.Data, checked((int)length));
            }
            else if (length < node.Length)
            {
                node.Data.AsSpan((int)length, (int)(node.Length - length)).Clear();
            }

            node.Length = length;
            return Errno.None;
        }
    }

    [Unlink]
    private Errno Unlink(string path)
    {
        var errno = Plan.Apply("unlink", path);
        if (errno != Errno.None)
        {
            return errno;
        }

        lock (gate)
        {
            return nodes.Remove(path) ? Errno.None : Errno.ENOENT;
        }
    }

    [Mkdir]
    private Errno Mkdir(string path, UnixFileMode mode)
    {
        var errno = Plan.Apply("mkdir", path);
        if (errno != Errno.None)
        {
            return errno;
        }

        lock (gate)
        {
            return nodes.TryAdd(path, new Node(isDirectory: true) { Mode = mode }) ? Errno.None : Errno.EEXIST;
        }
    }

    [Rmdir]
    private Errno Rmdir(string path)
    {
        var errno = Plan.Apply("rmdir", path);
        if (errno != Errno.None)
        {
            return errno;
        }

        lock (gate)
        {
            if (nodes.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal)))
            {
                return Errno.ENOTEMPTY;
            }

            return nodes.Remove(path) ? Errno.None : Errno.ENOENT;
        }
    }

    [Rename]
    private Errno Rename(string path, string newPath)
    {
        var errno = Plan.Apply("rename", path);
        if (errno != Errno.None)
        {
            return errno;
        }

        lock (gate)
        {
            if (!nodes.Remove(path, out var node))
            {
                return Errno.ENOENT;
            }

            nodes[newPath] = node;
            return Errno.None;
        }
    }

    [Chmod]
    private Errno Chmod(string path, UnixFileMode mode)
    {
        var errno = Plan.Apply("chmod", path);
        if (errno != Errno.None)
        {
            return errno;
        }

        lock (gate)
        {
            if (!nodes.TryGetValue(path, out var node))
            {
                return Errno.ENOENT;
            }

            node.Mode = mode;
            return Errno.None;
        }
    }

    [Utimens]
    private Errno Utimens(string path, TimeSpec accessTime, TimeSpec modificationTime) => Plan.Apply("utimens", path);

    [Statfs]
    private Errno StatFs(string path, ref StatVfs stat)
    {
        var errno = Plan.Apply("statfs", path);
        stat.BlockSize = 4096;
        stat.Blocks = 1 << 20;
        stat.BlocksFree = 1 << 19;
        stat.BlocksAvailable = 1 << 19;
        return errno;
    }

    internal sealed class Node
    {
        public Node(bool isDirectory)
        {
            IsDirectory = isDirectory;
            Mode = isDirectory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4;
        }

        public bool IsDirectory { get; }

        public UnixFileMode Mode { get; set; }

#pragma warning disable CA1051, SA1401 // Resized in place under the filesystem's lock.
        public byte[] Data = Array.Empty<byte>();
#pragma warning restore CA1051, SA1401

        public long Length { get; set; }

        public byte[] Content => Data.AsSpan(0, (int)Length).ToArray();
    }
}

/// <summary>The handle of an open file of <see cref="FaultFs"/>.</summary>
internal sealed class OpenFile
{
    public OpenFile(string path, FaultFs.Node node)
    {
        Path = path;
        Node = node;
    }

    /// <summary>The path it was opened by (faults target it, whatever libfuse passes).</summary>
    public string Path { get; }

    public FaultFs.Node Node { get; }
}

/// <summary>The handle of an open directory of <see cref="FaultFs"/>.</summary>
internal sealed class OpenDirectory
{
    public OpenDirectory(string path) => Path = path;

    public string Path { get; }
}
