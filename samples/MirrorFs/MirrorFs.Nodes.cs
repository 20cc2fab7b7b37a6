using System;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>The namespace: creating, removing, renaming and linking nodes, and reading symbolic links.</summary>
internal sealed unsafe partial class MirrorFs
{
    [Mknod]
    private Errno MakeNode(ReadOnlySpan<byte> path, uint mode, ulong device, FuseContext caller)
    {
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        using (at)
        {
            using (Ownership.AsCaller(caller))
            {
                // mknodat makes FIFOs and sockets as well as devices (what mkfifo does).
                if (LibC.mknodat(at.Directory, at.Name, mode, device) == -1)
                {
                    return LibC.LastErrno;
                }
            }

            Ownership.GiveToCaller(at.Directory, at.Name, caller, mode);
            return Errno.None;
        }
    }

    [Mkdir]
    private Errno MakeDirectory(ReadOnlySpan<byte> path, uint mode, FuseContext caller)
    {
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        using (at)
        {
            using (Ownership.AsCaller(caller))
            {
                if (LibC.mkdirat(at.Directory, at.Name, mode) == -1)
                {
                    return LibC.LastErrno;
                }
            }

            Ownership.GiveToCaller(at.Directory, at.Name, caller, LibC.S_IFDIR | mode);
            return Errno.None;
        }
    }

    [Unlink]
    private Errno Unlink(ReadOnlySpan<byte> path) => Remove(path, 0);

    [Rmdir]
    private Errno RemoveDirectory(ReadOnlySpan<byte> path) => Remove(path, LibC.AT_REMOVEDIR);

    private Errno Remove(ReadOnlySpan<byte> path, int flags)
    {
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        using (at)
        {
            return LibC.Check(LibC.unlinkat(at.Directory, at.Name, flags));
        }
    }

    [Symlink]
    private Errno MakeSymbolicLink(ReadOnlySpan<byte> target, ReadOnlySpan<byte> path, FuseContext caller)
    {
        if (target.Length >= LibC.PATH_MAX)
        {
            return Errno.ENAMETOOLONG;
        }

        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        using (at)
        {
            fixed (byte* text = SourcePath.Terminated(target, stackalloc byte[target.Length + 1]))
            {
                using (Ownership.AsCaller(caller))
                {
                    if (LibC.symlinkat(text, at.Directory, at.Name) == -1)
                    {
                        return LibC.LastErrno;
                    }
                }
            }

            Ownership.GiveToCaller(at.Directory, at.Name, caller, 0xA000u);
            return Errno.None;
        }
    }

    [Readlink]
    private int ReadLink(ReadOnlySpan<byte> path, Span<byte> buffer)
    {
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return -(int)error;
        }

        using (at)
        {
            fixed (byte* target = buffer)
            {
                // FuseGen leaves room for the NUL and adds it; a target longer than the buffer is cut, as readlink(2) does.
                return LibC.Count(LibC.readlinkat(at.Directory, at.Name, target, (nuint)buffer.Length));
            }
        }
    }

    [Rename]
    private Errno Rename(ReadOnlySpan<byte> path, ReadOnlySpan<byte> newPath, uint flags)
    {
        var error = Resolve(path, out var from);
        if (error != Errno.None)
        {
            return error;
        }

        using (from)
        {
            error = Resolve(newPath, out var to);
            if (error != Errno.None)
            {
                return error;
            }

            using (to)
            {
                // RENAME_NOREPLACE, RENAME_EXCHANGE and RENAME_WHITEOUT go to the source as they came.
                return LibC.Check(LibC.renameat2(from.Directory, from.Name, to.Directory, to.Name, flags));
            }
        }
    }

    [Link]
    private Errno Link(ReadOnlySpan<byte> path, ReadOnlySpan<byte> newPath)
    {
        var error = Resolve(path, out var from);
        if (error != Errno.None)
        {
            return error;
        }

        using (from)
        {
            error = Resolve(newPath, out var to);
            if (error != Errno.None)
            {
                return error;
            }

            using (to)
            {
                return LibC.Check(LibC.linkat(from.Directory, from.Name, to.Directory, to.Name, 0));
            }
        }
    }
}
