using System;
using FuseGen;
using FuseGen.Interop;
using FuseGen.Marshalling;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>Attributes: stat, mode, owner, size, times, and access checks.</summary>
internal sealed unsafe partial class MirrorFs
{
    [Getattr]
    private Errno GetAttributes(ReadOnlySpan<byte> path, ref Stat stat, OpenFile? file)
    {
        var native = stackalloc byte[NativeStat.MaxSize];
        if (file is not null)
        {
            // fstat, as the kernel knows the open file: right even after the path has gone.
            if (LibC.fstat(file.Descriptor, native) == -1)
            {
                return LibC.LastErrno;
            }
        }
        else
        {
            var error = Resolve(path, out var at);
            if (error != Errno.None)
            {
                return error;
            }

            using (at)
            {
                if (LibC.fstatat(at.Directory, at.Name, native, LibC.AT_SYMLINK_NOFOLLOW) == -1)
                {
                    return LibC.LastErrno;
                }
            }
        }

        stat = NativeStat.Read(native);
        return Errno.None;
    }

    [Chmod]
    private Errno ChangeMode(ReadOnlySpan<byte> path, uint mode, OpenFile? file)
    {
        mode &= 0xFFFu;
        if (file is not null)
        {
            return LibC.Check(LibC.fchmod(file.Descriptor, mode));
        }

        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        using (at)
        {
            // chmod() follows links, so the kernel never asks for one; no flag (Linux has no lchmod).
            return LibC.Check(LibC.fchmodat(at.Directory, at.Name, mode, 0));
        }
    }

    [Chown]
    private Errno ChangeOwner(ReadOnlySpan<byte> path, uint uid, uint gid, OpenFile? file)
    {
        if (file is not null)
        {
            return LibC.Check(LibC.fchown(file.Descriptor, uid, gid));
        }

        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        using (at)
        {
            // lchown semantics: a symbolic link itself changes owner.
            return LibC.Check(LibC.fchownat(at.Directory, at.Name, uid, gid, LibC.AT_SYMLINK_NOFOLLOW));
        }
    }

    [Truncate]
    private Errno Truncate(ReadOnlySpan<byte> path, long length, OpenFile? file)
    {
        if (file is not null)
        {
            return LibC.Check(LibC.ftruncate(file.Descriptor, length));
        }

        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        using (at)
        {
            // There is no truncateat: open for writing (the kernel already checked the caller's permission).
            var fd = LibC.openat(at.Directory, at.Name, LibC.O_WRONLY | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
            if (fd < 0)
            {
                return LibC.LastErrno;
            }

            var result = LibC.Check(LibC.ftruncate(fd, length));
            LibC.close(fd);
            return result;
        }
    }

    [Utimens]
    private Errno SetTimes(ReadOnlySpan<byte> path, TimeSpec accessTime, TimeSpec modificationTime, OpenFile? file)
    {
        // TimeSpec.Now and TimeSpec.Omit carry UTIME_NOW and UTIME_OMIT in the nanoseconds, as utimensat wants them.
        var times = stackalloc Timespec[2];
        times[0] = new Timespec { Seconds = accessTime.Seconds, Nanoseconds = accessTime.Nanoseconds };
        times[1] = new Timespec { Seconds = modificationTime.Seconds, Nanoseconds = modificationTime.Nanoseconds };
        if (file is not null)
        {
            return LibC.Check(LibC.futimens(file.Descriptor, times));
        }

        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        using (at)
        {
            return LibC.Check(LibC.utimensat(at.Directory, at.Name, times, LibC.AT_SYMLINK_NOFOLLOW));
        }
    }

    /// <summary>
    /// access() and chdir() checks. With default_permissions (on with allow_other) the kernel checks mode bits itself
    /// and never sends this; without it, the check runs as the caller (filesystem uid and gid of this thread).
    /// </summary>
    [Access]
    private Errno Access(ReadOnlySpan<byte> path, int mode, FuseContext caller)
    {
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return error;
        }

        using (at)
        using (CallerCredentials.Assume(caller))
        {
            return LibC.Check(LibC.faccessat(at.Directory, at.Name, mode, LibC.AT_EACCESS | LibC.AT_SYMLINK_NOFOLLOW));
        }
    }
}
