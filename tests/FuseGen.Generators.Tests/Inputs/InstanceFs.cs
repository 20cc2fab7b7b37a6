// Instance methods with string paths, a FuseContext parameter in various positions, int and void returns,
// and the non-canonical alternative of most slots (out Stat, FileInfo by value, uint mode, int flags, ...).
using System;
using System.Collections.Generic;
using FuseGen;
using UnixFileMode = System.IO.UnixFileMode;

namespace Samples.Memory;

[FuseFileSystem]
public sealed partial class InstanceFs
{
    private readonly Dictionary<string, Node> nodes = new(StringComparer.Ordinal) { ["/"] = new Node(FileType.Directory, 0x1ED, 0, 0) };

    [Getattr]
    public int GetAttributes(string path, out Stat stat)
    {
        stat = default;
        if (!nodes.TryGetValue(path, out var node))
        {
            return -(int)Errno.ENOENT;
        }

        stat.Mode = (uint)node.Type | node.Mode;
        stat.Uid = node.Uid;
        stat.Gid = node.Gid;
        stat.Links = 1;
        return 0;
    }

    [Readlink]
    public string ReadLink(string path) =>
        nodes.TryGetValue(path, out var node) && node.Target is { } target ? target : throw new FuseException(Errno.EINVAL);

    [Mknod]
    public void MakeNode(FuseContext caller, string path, FileType type, uint mode, ulong device) =>
        Add(path, new Node(type, mode & 0xFFF, caller.Uid, caller.Gid));

    [Mkdir]
    public void MakeDirectory(string path, UnixFileMode mode, FuseContext caller) =>
        Add(path, new Node(FileType.Directory, (uint)mode, caller.Uid, caller.Gid));

    [Symlink]
    public int SymbolicLink(string target, string path, FuseContext caller)
    {
        Add(path, new Node(FileType.SymbolicLink, 0x1FF, caller.Uid, caller.Gid) { Target = target });
        return 0;
    }

    [Rename]
    public int Rename(string path, string newPath, uint flags)
    {
        if (flags != 0)
        {
            return -(int)Errno.EINVAL;
        }

        if (!nodes.Remove(path, out var node))
        {
            return -(int)Errno.ENOENT;
        }

        nodes[newPath] = node;
        return 0;
    }

    [Chmod]
    public void ChangeMode(string path, uint mode) => Find(path).Mode = mode & 0xFFF;

    [Open]
    public int Open(string path, FileInfo fileInfo) => nodes.ContainsKey(path) && !fileInfo.DirectIo ? 0 : -(int)Errno.ENOENT;

    // An overload that is not bound: the generated documentation must still refer to the bound one unambiguously.
    public int Open(string path) => Open(path, default);

    [Release]
    public void Release(FileInfo fileInfo)
    {
    }

    [Setxattr]
    public int SetExtendedAttribute(string path, string name, ReadOnlySpan<byte> value, int flags) =>
        flags == 0 && value.Length < 256 && name.Length > 0 && nodes.ContainsKey(path) ? 0 : -(int)Errno.EINVAL;

    [Readdir]
    public void ReadDirectory(string path, DirectoryFiller entries, FuseContext caller)
    {
        foreach (var name in nodes.Keys)
        {
            if (name != path && name.StartsWith(path, StringComparison.Ordinal) && nodes[name].Uid == caller.Uid)
            {
                entries.Add(System.Text.Encoding.UTF8.GetBytes(System.IO.Path.GetFileName(name)));
            }
        }
    }

    [Access]
    public int Access(string path, int mode) => nodes.ContainsKey(path) || mode == 0 ? 0 : -(int)Errno.EACCES;

    [Create]
    public void Create(FuseContext caller, string path, uint mode, ref FileInfo fileInfo)
    {
        Add(path, new Node(FileType.Regular, mode & 0xFFF, caller.Uid, caller.Gid));
        fileInfo.Handle = (ulong)nodes.Count;
    }

    [Statfs]
    public void Statistics(string path, out StatVfs stat) => stat = new StatVfs { MaxNameLength = 255, Files = (ulong)nodes.Count };

    [Flock]
    public int Lock(string path, FileInfo fileInfo, int operation) => operation == 0 ? -(int)Errno.EINVAL : 0;

    [Fallocate]
    public void Allocate(string path, int mode, long offset, long length)
    {
        if (mode != 0 || offset < 0 || length <= 0)
        {
            throw new FuseException(Errno.EOPNOTSUPP);
        }
    }

    [Lseek]
    public long Seek(string path, long offset, int whence) => whence <= 2 ? offset : -(long)Errno.ENXIO;

    [CopyFileRange]
    public int Copy(string pathIn, FileInfo fileInfoIn, long offsetIn, string pathOut, FileInfo fileInfoOut, long offsetOut, long size) =>
        pathIn == pathOut && offsetIn == offsetOut && fileInfoIn.Handle == fileInfoOut.Handle ? (int)size : -(int)Errno.EXDEV;

    private void Add(string path, Node node)
    {
        if (!nodes.TryAdd(path, node))
        {
            throw new FuseException(Errno.EEXIST);
        }
    }

    private Node Find(string path) => nodes.TryGetValue(path, out var node) ? node : throw new FuseException(Errno.ENOENT);

    private sealed class Node
    {
        public Node(FileType type, uint mode, uint uid, uint gid)
        {
            Type = type;
            Mode = mode;
            Uid = uid;
            Gid = gid;
        }

        public FileType Type { get; }

        public uint Mode { get; set; }

        public uint Uid { get; }

        public uint Gid { get; }

        public string? Target { get; init; }
    }
}
