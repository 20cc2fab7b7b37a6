using System;
using FuseGen;
using FuseGen.Marshalling;
using MirrorFs;
using MirrorFs.Interop;

namespace InodeMirrorFs;

/// <summary>Attributes: getattr, setattr (chmod, chown, truncate, utimens in one request), access.</summary>
internal sealed unsafe partial class InodeMirrorFs
{
    private const uint SetIdBits = LibC.S_ISUID | LibC.S_ISGID;

    /// <summary>fstatat of the node's own descriptor: right whatever its names are by now, and after the last one went.</summary>
    [Getattr]
    private static Errno GetAttr(SourceNode node, ref Stat stat) => Describe(node, out stat);

    /// <summary>
    /// Applies the changes in libfuse's order (mode, owner, size, times) through the open file when the caller
    /// changed it through one (fchmod, ftruncate, futimens), else through the node's descriptor or its /proc path;
    /// then answers the attributes the source has. A failure stops at the change that failed, as in passthrough_ll.
    /// </summary>
    [Setattr]
    private static Errno SetAttr(SourceNode node, AttributeChanges changes, OpenFile? file, ref Stat stat)
    {
        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node.Descriptor, procPath);
        var error = Errno.None;
        if (changes.Mode is { } mode)
        {
            mode &= 0xFFFu;
            error = LibC.Check(file is not null ? LibC.fchmod(file.Descriptor, mode) : LibC.fchmodat(LibC.AT_FDCWD, procPath, mode, 0));
        }
        else if (changes.Has(ChangedAttributes.KillSuid) || changes.Has(ChangedAttributes.KillSgid))
        {
            error = KillPrivileges(node, changes, procPath);
        }

        if (error == Errno.None && (changes.Uid is not null || changes.Gid is not null))
        {
            // lchown semantics: a symbolic link itself changes owner.
            error = LibC.Check(LibC.fchownat(node.Descriptor, EmptyPath, changes.Uid ?? uint.MaxValue, changes.Gid ?? uint.MaxValue, LibC.AT_EMPTY_PATH | LibC.AT_SYMLINK_NOFOLLOW));
        }

        if (error == Errno.None && changes.Size is { } size)
        {
            error = LibC.Check(file is not null ? LibC.ftruncate(file.Descriptor, size) : LibC.truncate(procPath, size));
        }

        var accessTime = changes.AccessTime;
        var modificationTime = changes.ModificationTime;
        if (error == Errno.None && !(accessTime.IsOmit && modificationTime.IsOmit))
        {
            error = SetTimes(node, file, accessTime, modificationTime, procPath);
        }

        return error == Errno.None ? Describe(node, out stat) : error;
    }

    /// <summary>
    /// access() and chdir() checks, as the caller (filesystem uid and gid of this thread). With default_permissions
    /// (on with allow_other) the kernel checks mode bits itself and never sends this.
    /// </summary>
    [Access]
    private static Errno Access(SourceNode node, int mask, FuseContext caller)
    {
        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node.Descriptor, procPath);
        using (CallerCredentials.Assume(caller))
        {
            return LibC.Check(LibC.faccessat(LibC.AT_FDCWD, procPath, mask, LibC.AT_EACCESS));
        }
    }

    /// <summary>The node's attributes from the source.</summary>
    private static Errno Describe(SourceNode node, out Stat stat)
    {
        var native = stackalloc byte[NativeStat.MaxSize];
        if (LibC.fstatat(node.Descriptor, EmptyPath, native, LibC.AT_EMPTY_PATH | LibC.AT_SYMLINK_NOFOLLOW) == -1)
        {
            stat = default;
            return LibC.LastErrno;
        }

        stat = NativeStat.Read(native);
        return Errno.None;
    }

    /// <summary>
    /// utimensat as the kernel asks (UTIME_NOW and UTIME_OMIT travel in the nanoseconds). A symbolic link's own
    /// times: utimensat's AT_EMPTY_PATH is not for O_PATH descriptors, so its /proc path, not followed further.
    /// </summary>
    private static Errno SetTimes(SourceNode node, OpenFile? file, TimeSpec accessTime, TimeSpec modificationTime, byte* procPath)
    {
        var times = stackalloc Timespec[2];
        times[0] = new Timespec { Seconds = accessTime.Seconds, Nanoseconds = accessTime.Nanoseconds };
        times[1] = new Timespec { Seconds = modificationTime.Seconds, Nanoseconds = modificationTime.Nanoseconds };
        return LibC.Check(file is not null ? LibC.futimens(file.Descriptor, times) : LibC.utimensat(LibC.AT_FDCWD, procPath, times, 0));
    }

    /// <summary>Clears setuid and/or setgid as a write or truncate by another user does (FATTR_KILL_SUIDGID).</summary>
    private static Errno KillPrivileges(SourceNode node, AttributeChanges changes, byte* procPath)
    {
        var error = Describe(node, out var stat);
        if (error != Errno.None || (stat.Mode & SetIdBits) == 0 || (stat.Mode & LibC.S_IFMT) == LibC.S_IFLNK)
        {
            return error;
        }

        var mode = stat.Mode & 0xFFFu;
        mode &= changes.Has(ChangedAttributes.KillSuid) ? ~LibC.S_ISUID : ~0u;
        mode &= changes.Has(ChangedAttributes.KillSgid) ? ~LibC.S_ISGID : ~0u;
        return LibC.Check(LibC.fchmodat(LibC.AT_FDCWD, procPath, mode, 0));
    }
}
