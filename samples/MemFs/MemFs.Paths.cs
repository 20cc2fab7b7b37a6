using System;
using FuseGen;
using MemFs.Handles;
using MemFs.Nodes;

namespace MemFs;

/// <summary>Path resolution. libfuse passes paths from the mount root; the kernel has already followed symlinks.</summary>
public sealed partial class MemFs
{
    /// <summary>The node at <paramref name="path"/>: ENOENT, ENOTDIR or ENAMETOOLONG as lookup(2) would fail.</summary>
    private Node Resolve(ReadOnlySpan<byte> path)
    {
        if (path.IsEmpty)
        {
            // libfuse had no path for the node (it was removed) and the operation no handle to go by.
            throw new FuseException(Errno.ESTALE);
        }

        Node node = root;
        foreach (var range in path.Split((byte)'/'))
        {
            var name = path[range];
            if (name.IsEmpty)
            {
                continue;
            }

            if (node is not DirectoryNode directory)
            {
                throw new FuseException(Errno.ENOTDIR);
            }

            CheckName(name);
            node = directory.Entries.Find(name) ?? throw new FuseException(Errno.ENOENT);
        }

        return node;
    }

    /// <summary>The node an operation is about: the open file's when there is one (its path may be gone), else the path's.</summary>
    private Node Resolve(ReadOnlySpan<byte> path, NodeHandle? handle) => handle?.Node ?? Resolve(path);

    private FileNode ResolveFile(ReadOnlySpan<byte> path, NodeHandle? handle) => Resolve(path, handle) switch
    {
        FileNode file => file,
        DirectoryNode => throw new FuseException(Errno.EISDIR),
        _ => throw new FuseException(Errno.EINVAL),
    };

    /// <summary>The directory that holds (or would hold) the last component of <paramref name="path"/>, and that component.</summary>
    private DirectoryNode ResolveParent(ReadOnlySpan<byte> path, out ReadOnlySpan<byte> name)
    {
        var trimmed = path.TrimEnd((byte)'/');
        var slash = trimmed.LastIndexOf((byte)'/');
        name = trimmed.Slice(slash + 1);
        if (name.IsEmpty)
        {
            // Only the root has no last component; it has no parent to change.
            throw new FuseException(Errno.EBUSY);
        }

        CheckName(name);
        return Resolve(trimmed.Slice(0, Math.Max(slash, 1))) as DirectoryNode ?? throw new FuseException(Errno.ENOTDIR);
    }

    /// <summary>Whether the path names a file libfuse hid because it was unlinked while open.</summary>
    private bool IsHiddenPath(ReadOnlySpan<byte> path)
    {
        var slash = path.LastIndexOf((byte)'/');
        var name = path.Slice(slash + 1);
        return DirectoryEntries.IsHiddenName(name) && Resolve(path.Slice(0, Math.Max(slash, 1))) is DirectoryNode parent && parent.Entries.IsHidden(name);
    }

    private static void CheckName(ReadOnlySpan<byte> name)
    {
        if (name.Length > NodeName.MaxLength)
        {
            throw new FuseException(Errno.ENAMETOOLONG);
        }
    }
}
