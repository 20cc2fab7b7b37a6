using System;
using FuseGen;
using MirrorFs;
using MirrorFs.Interop;

namespace InodeMirrorFs;

/// <summary>
/// Names: lookup, mknod, mkdir, symlink, readlink, link, unlink, rmdir, rename, each relative to the parent's
/// descriptor. A node made here is looked up afterwards by name, as passthrough_ll does, and belongs to the caller
/// (<see cref="Ownership"/>).
/// </summary>
internal sealed unsafe partial class InodeMirrorFs
{
    // readlink's target, handed to the reply without a copy: at most PATH_MAX bytes.
    [ThreadStatic]
    private static byte[]? linkTarget;

    [Lookup]
    private Errno Lookup(SourceNode parent, ReadOnlySpan<byte> name, ref InodeEntry entry) =>
        Find(parent.Descriptor, name, out entry);

    /// <summary>mknodat makes FIFOs and sockets as well as devices (what mkfifo does), and regular files.</summary>
    [Mknod]
    private Errno Mknod(SourceNode parent, ReadOnlySpan<byte> name, uint mode, ulong device, FuseContext caller, ref InodeEntry entry)
    {
        fixed (byte* text = Terminated(name, stackalloc byte[name.Length + 1]))
        {
            using (Ownership.AsCaller(caller))
            {
                if (LibC.mknodat(parent.Descriptor, text, mode, device) == -1)
                {
                    return LibC.LastErrno;
                }
            }

            Ownership.GiveToCaller(parent.Descriptor, text, caller, mode);
            return Find(parent.Descriptor, text, out entry);
        }
    }

    [Mkdir]
    private Errno Mkdir(SourceNode parent, ReadOnlySpan<byte> name, uint mode, FuseContext caller, ref InodeEntry entry)
    {
        fixed (byte* text = Terminated(name, stackalloc byte[name.Length + 1]))
        {
            using (Ownership.AsCaller(caller))
            {
                if (LibC.mkdirat(parent.Descriptor, text, mode) == -1)
                {
                    return LibC.LastErrno;
                }
            }

            Ownership.GiveToCaller(parent.Descriptor, text, caller, LibC.S_IFDIR | mode);
            return Find(parent.Descriptor, text, out entry);
        }
    }

    [Symlink]
    private Errno Symlink(SourceNode parent, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, FuseContext caller, ref InodeEntry entry)
    {
        if (target.Length >= LibC.PATH_MAX)
        {
            return Errno.ENAMETOOLONG;
        }

        fixed (byte* text = Terminated(name, stackalloc byte[name.Length + 1]))
        fixed (byte* destination = Terminated(target, stackalloc byte[target.Length + 1]))
        {
            using (Ownership.AsCaller(caller))
            {
                if (LibC.symlinkat(destination, parent.Descriptor, text) == -1)
                {
                    return LibC.LastErrno;
                }
            }

            Ownership.GiveToCaller(parent.Descriptor, text, caller, 0xA000u);
            return Find(parent.Descriptor, text, out entry);
        }
    }

    /// <summary>readlinkat on the link's own descriptor with an empty name.</summary>
    [Readlink]
    private static ReadOnlySpan<byte> Readlink(SourceNode node)
    {
        var buffer = linkTarget ??= new byte[LibC.PATH_MAX];
        fixed (byte* target = buffer)
        {
            var count = LibC.readlinkat(node.Descriptor, EmptyPath, target, (nuint)buffer.Length);
            return count >= 0 ? buffer.AsSpan(0, (int)count) : throw new FuseException(LibC.LastErrno);
        }
    }

    /// <summary>
    /// linkat of the node's /proc/self/fd path, followed (the magic link leads to the node itself, a symbolic link
    /// included): the new name is the same node, whatever its other names are by now.
    /// </summary>
    [Link]
    private Errno Link(SourceNode node, SourceNode newParent, ReadOnlySpan<byte> newName, ref InodeEntry entry)
    {
        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node.Descriptor, procPath);
        fixed (byte* text = Terminated(newName, stackalloc byte[newName.Length + 1]))
        {
            if (LibC.linkat(LibC.AT_FDCWD, procPath, newParent.Descriptor, text, LibC.AT_SYMLINK_FOLLOW) == -1)
            {
                return LibC.LastErrno;
            }
        }

        return EntryOf(node, out entry);
    }

    [Unlink]
    private static Errno Unlink(SourceNode parent, ReadOnlySpan<byte> name) => Remove(parent, name, 0);

    [Rmdir]
    private static Errno Rmdir(SourceNode parent, ReadOnlySpan<byte> name) => Remove(parent, name, LibC.AT_REMOVEDIR);

    /// <summary>RENAME_NOREPLACE, RENAME_EXCHANGE and RENAME_WHITEOUT go to the source as they came.</summary>
    [Rename]
    private static Errno Rename(SourceNode parent, ReadOnlySpan<byte> name, SourceNode newParent, ReadOnlySpan<byte> newName, uint flags)
    {
        fixed (byte* from = Terminated(name, stackalloc byte[name.Length + 1]))
        fixed (byte* to = Terminated(newName, stackalloc byte[newName.Length + 1]))
        {
            return LibC.Check(LibC.renameat2(parent.Descriptor, from, newParent.Descriptor, to, flags));
        }
    }

    private static Errno Remove(SourceNode parent, ReadOnlySpan<byte> name, int flags)
    {
        fixed (byte* text = Terminated(name, stackalloc byte[name.Length + 1]))
        {
            return LibC.Check(LibC.unlinkat(parent.Descriptor, text, flags));
        }
    }

    /// <summary>An entry for a node the kernel already holds, with its current attributes.</summary>
    private static Errno EntryOf(SourceNode node, out InodeEntry entry)
    {
        var error = Describe(node, out var stat);
        entry = error == Errno.None ? new InodeEntry(node, in stat) : default;
        return error;
    }
}
