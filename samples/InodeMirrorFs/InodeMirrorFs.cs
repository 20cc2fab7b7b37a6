using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using FuseGen;
using FuseGen.Marshalling;
using MirrorFs;
using MirrorFs.Interop;

namespace InodeMirrorFs;

/// <summary>
/// A pass-through of an existing directory on the inode API, like libfuse's passthrough_ll: every inode the kernel
/// holds is a <see cref="SourceNode"/> with one <c>O_PATH</c> descriptor of the source inode, and every operation is
/// an <c>*at</c> call relative to the descriptor of the inode it names (or of its parent), or a call on
/// <c>/proc/self/fd/N</c>. Usage: <c>InodeMirrorFs SOURCE MOUNTPOINT [-f] [-d] [-s] [-o opts]</c> or
/// <c>InodeMirrorFs MOUNTPOINT -o source=SOURCE[,opts]</c>.
/// </summary>
/// <remarks>
/// <para>Nodes are keyed by the source's device and inode numbers, so every hard link of a file is one kernel inode.
/// The <see cref="InodeTable{TNode}"/> counts the kernel's lookups; when the kernel has forgotten a node it is
/// released, and <see cref="Released"/> closes its descriptor. A file unlinked while the kernel holds it keeps its
/// node and descriptor, so fstat, setattr and reads of it go on working (no hidden names).</para>
/// <para>The operations live in one partial file per area: InodeMirrorFs.Names (lookup, mknod, mkdir, symlink,
/// readlink, link, unlink, rmdir, rename), InodeMirrorFs.Attributes (getattr, setattr, access),
/// InodeMirrorFs.Files, InodeMirrorFs.Directories, InodeMirrorFs.Xattrs and InodeMirrorFs.Mount (init, statfs).
/// What both pass-throughs do alike (credentials, creation, open flags, I/O loops, directory streams, the command
/// line) is compiled from samples/MirrorFs.</para>
/// </remarks>
[FuseInodeFileSystem]
internal sealed unsafe partial class InodeMirrorFs
{
    // The empty path of fstatat(fd, "", AT_EMPTY_PATH) and friends.
    private static readonly byte* EmptyPath = (byte*)NativeMemory.AllocZeroed(1);

    private readonly Lock gate = new();
    private readonly Dictionary<(ulong Device, ulong Inode), SourceNode> known = new();
    private readonly InodeTable<SourceNode> table;
    private bool writebackCache;

    /// <summary>Mirrors the directory open as <paramref name="sourceDescriptor"/> (<c>O_PATH|O_DIRECTORY</c>), which becomes the root's descriptor.</summary>
    public InodeMirrorFs(int sourceDescriptor)
    {
        var native = stackalloc byte[NativeStat.MaxSize];
        var root = LibC.fstatat(sourceDescriptor, EmptyPath, native, LibC.AT_EMPTY_PATH) == 0
            ? new SourceNode(sourceDescriptor, DeviceOf(native), NativeStat.Read(native).Inode)
            : new SourceNode(sourceDescriptor, 0, 0);
        known.Add((root.Device, root.Inode), root);
        table = new InodeTable<SourceNode>(root, Released);
    }

    /// <summary>Source inodes with an open descriptor: the root and every node the kernel holds (tests).</summary>
    public int OpenNodes
    {
        get
        {
            lock (gate)
            {
                return known.Count;
            }
        }
    }

    /// <inheritdoc />
    InodeTable? IFuseInodeFileSystem.Inodes => table;

    /// <summary><c>st_dev</c>, which leads <c>struct stat</c> on x86_64 and arm64 alike.</summary>
    private static ulong DeviceOf(byte* nativeStat) => *(ulong*)nativeStat;

    /// <summary>
    /// The entry of the source inode <paramref name="name"/> names in <paramref name="directory"/> (not followed): its
    /// node (the known one for the inode, or a new one) and attributes.
    /// </summary>
    private Errno Find(int directory, byte* name, out InodeEntry entry) => Find(directory, name, LibC.O_NOFOLLOW, out entry);

    /// <summary><see cref="Find(int, byte*, out InodeEntry)"/>, following a final symbolic link when <paramref name="follow"/> is not O_NOFOLLOW.</summary>
    private Errno Find(int directory, byte* name, int follow, out InodeEntry entry)
    {
        var fd = LibC.openat(directory, name, LibC.O_PATH | follow | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            entry = default;
            return LibC.LastErrno;
        }

        return Adopt(fd, out entry);
    }

    /// <summary><see cref="Find"/> for a name given as a span.</summary>
    private Errno Find(int directory, ReadOnlySpan<byte> name, out InodeEntry entry)
    {
        fixed (byte* text = Terminated(name, stackalloc byte[name.Length + 1]))
        {
            return Find(directory, text, out entry);
        }
    }

    /// <summary>The entry of the file open as <paramref name="open"/> (a node of its own, not a name that may have changed since).</summary>
    private Errno EntryOfOpen(int open, out InodeEntry entry)
    {
        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(open, procPath);

        // Followed: the magic link itself is not the file.
        return Find(LibC.AT_FDCWD, procPath, 0, out entry);
    }

    /// <summary>
    /// The entry of the inode open as <paramref name="descriptor"/> (<c>O_PATH</c>, owned from here on): the node known
    /// for its device and inode numbers (the descriptor is closed) or a new node holding the descriptor.
    /// </summary>
    private Errno Adopt(int descriptor, out InodeEntry entry)
    {
        var native = stackalloc byte[NativeStat.MaxSize];
        if (LibC.fstatat(descriptor, EmptyPath, native, LibC.AT_EMPTY_PATH | LibC.AT_SYMLINK_NOFOLLOW) == -1)
        {
            var error = LibC.LastErrno;
            LibC.close(descriptor);
            entry = default;
            return error;
        }

        var stat = NativeStat.Read(native);
        var key = (DeviceOf(native), stat.Inode);
        SourceNode? node;
        var adopted = false;
        lock (gate)
        {
            if (!known.TryGetValue(key, out node))
            {
                node = new SourceNode(descriptor, key.Item1, key.Item2);
                known.Add(key, node);
                adopted = true;
            }
        }

        if (!adopted)
        {
            LibC.close(descriptor);
        }

        entry = new InodeEntry(node, in stat);
        return Errno.None;
    }

    /// <summary>
    /// The kernel forgot the node: it leaves the known nodes and its descriptor closes. A lookup of the same inode
    /// from now on makes a new node; one that found this node before is answered ESTALE by the table (the kernel
    /// walks the path again).
    /// </summary>
    private void Released(SourceNode node)
    {
        lock (gate)
        {
            if (known.TryGetValue((node.Device, node.Inode), out var current) && current == node)
            {
                known.Remove((node.Device, node.Inode));
            }
        }

        node.Close();
    }

    /// <summary>Copies <paramref name="text"/> into <paramref name="buffer"/> with a terminating NUL.</summary>
    private static Span<byte> Terminated(ReadOnlySpan<byte> text, Span<byte> buffer) => SourcePath.Terminated(text, buffer);
}
