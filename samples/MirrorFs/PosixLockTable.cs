using System.Collections.Generic;
using System.Threading;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// POSIX record locks on behalf of many caller processes from one daemon process. Plain <c>fcntl(F_SETLK)</c> on the
/// daemon's descriptors would make the daemon own every lock, so locks of different callers would never conflict.
/// Instead each (file, lock owner) pair gets its own open file description of the source file, and the lock is
/// taken there as an open file description lock (<c>F_OFD_SETLK</c>): locks of different owners conflict, with each
/// other and with processes locking the source directly; locks of one owner merge and split as POSIX locks do.
/// </summary>
/// <remarks>
/// The kernel's lock owner is per process (its file table), and it unlocks the whole file under that owner at every
/// close() (libfuse's flush); that is when the description is closed, unless a request of the same owner still waits.
/// Conflicts between callers of this mount are answered by libfuse itself (it tracks the locks it granted), so
/// F_GETLK reaches the source only for locks held elsewhere; for another description's lock the source reports no
/// pid (-1), passed on as 0.
/// </remarks>
internal sealed unsafe class PosixLockTable
{
    private readonly object gate = new();
    private readonly Dictionary<(ulong Device, ulong Inode, ulong Owner), Description> owners = new();

    // owners.Count, readable without the gate: unlocks, which libfuse sends at every close, skip everything while 0.
    private int described;

    /// <summary>Number of open lock descriptions (tests).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return owners.Count;
            }
        }
    }

    public Errno Apply(OpenFile file, ulong owner, LockCommand command, ref FileLock lockInfo)
    {
        var unlocking = lockInfo.Type == LockType.Unlock;
        if (unlocking && command != LockCommand.Get && Volatile.Read(ref described) == 0)
        {
            // No lock is held through the mount, so there is nothing to release, and no fstat to identify the file
            // (libfuse unlocks at every close; passthrough_fh, which has no lock, makes no system call there).
            return Errno.None;
        }

        if (!file.TryIdentify(out var device, out var inode, out var error))
        {
            return error;
        }

        var key = (device, inode, owner);
        var native = new NativeFlock
        {
            l_type = (short)lockInfo.Type,
            l_whence = (short)lockInfo.Whence,
            l_start = lockInfo.Start,
            l_len = lockInfo.Length,
            l_pid = 0, // open file description locks require 0
        };

        if (command == LockCommand.Get)
        {
            // The owner's own locks never conflict with it: ask through its description, or any unlocked one.
            var description = Use(key, file, create: false, out _);
            var result = LibC.fcntl(description?.Descriptor ?? file.Descriptor, LibC.F_OFD_GETLK, &native);
            error = LibC.Check(result);
            Done(key, description, retireIfIdle: false);
            if (error == Errno.None)
            {
                lockInfo.Type = (LockType)native.l_type;
                lockInfo.Whence = (Whence)native.l_whence;
                lockInfo.Start = native.l_start;
                lockInfo.Length = native.l_len;
                lockInfo.ProcessId = native.l_pid < 0 ? 0 : native.l_pid;
            }

            return error;
        }

        var lockDescription = Use(key, file, create: !unlocking, out error);
        if (lockDescription is null)
        {
            // Nothing was ever locked under this owner (flush unlocks at every close), or the description failed to open.
            return unlocking ? Errno.None : error;
        }

        var outcome = LibC.Check(LibC.fcntl(lockDescription.Descriptor, command == LockCommand.SetWait ? LibC.F_OFD_SETLKW : LibC.F_OFD_SETLK, &native));
        Done(key, lockDescription, retireIfIdle: unlocking && lockInfo.Start == 0 && lockInfo.Length == 0);
        return outcome;
    }

    private Description? Use(in (ulong, ulong, ulong) key, OpenFile file, bool create, out Errno error)
    {
        error = Errno.None;
        lock (gate)
        {
            if (owners.TryGetValue(key, out var existing))
            {
                existing.Users++;
                return existing;
            }

            if (!create)
            {
                return null;
            }

            var descriptor = Reopen(file);
            if (descriptor < 0)
            {
                error = (Errno)(-descriptor);
                return null;
            }

            var description = new Description(descriptor) { Users = 1 };
            owners.Add(key, description);
            Volatile.Write(ref described, owners.Count);
            return description;
        }
    }

    private void Done(in (ulong, ulong, ulong) key, Description? description, bool retireIfIdle)
    {
        if (description is null)
        {
            return;
        }

        lock (gate)
        {
            description.Users--;
            if (retireIfIdle && description.Users == 0)
            {
                owners.Remove(key);
                Volatile.Write(ref described, owners.Count);
                LibC.close(description.Descriptor);
            }
        }
    }

    /// <summary>A new open file description of the same file (read-write if allowed, else the handle's access mode), or -errno.</summary>
    private static int Reopen(OpenFile file)
    {
        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(file.Descriptor, procPath);

        var fd = LibC.openat(LibC.AT_FDCWD, procPath, LibC.O_RDWR | LibC.O_CLOEXEC | LibC.O_NONBLOCK, 0);
        if (fd < 0)
        {
            fd = LibC.openat(LibC.AT_FDCWD, procPath, (file.Flags & LibC.O_ACCMODE) | LibC.O_CLOEXEC | LibC.O_NONBLOCK, 0);
        }

        return fd >= 0 ? fd : -(int)LibC.LastErrno;
    }

    private sealed class Description
    {
        public Description(int descriptor) => Descriptor = descriptor;

        public int Descriptor { get; }

        /// <summary>Requests using it now; it is closed only when none is.</summary>
        public int Users { get; set; }
    }
}
