using System;
using System.IO;
using FuseGen.Interop;

namespace FuseGen.Runtime;

/// <summary>
/// Makes <c>auto_unmount</c> reliable when the filesystem process is killed: the kernel must end the FUSE connection
/// before fusermount3's helper sees its socket close.
/// </summary>
/// <remarks>
/// When a process dies, the kernel closes its descriptors in ascending order but releases the files afterwards, from
/// the exiting task's work list, newest first (Linux 6.1 and later), with a reschedule point between each. libfuse
/// opens <c>/dev/fuse</c> before the helper's socket, so the socket is released first and fusermount3 wakes up while
/// the connection is still alive. If the dying process is preempted there (a loaded machine, and a .NET process that
/// has just torn down a large address space is a likely victim), the helper's check opens the mount directory, that
/// request is still queued when the connection ends, and fails with ECONNABORTED instead of ENOTCONN: the helper then
/// decides that the filesystem is alive and leaves a dead mount. A second reference to <c>/dev/fuse</c> numbered above
/// every descriptor the process has (the socket included) makes <c>/dev/fuse</c> the last file closed, hence the
/// first released: the connection is aborted before the socket wakes the helper, which then sees ENOTCONN.
/// </remarks>
internal static class AutoUnmountOrdering
{
    /// <summary>True when the libfuse options request <c>auto_unmount</c>.</summary>
    public static bool Requested(System.Collections.Generic.IEnumerable<string> libfuseOptions)
    {
        foreach (var option in libfuseOptions)
        {
            foreach (var part in option.Split(','))
            {
                if (part == "auto_unmount")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Duplicates <paramref name="fuseDescriptor"/> (close-on-exec) above every open descriptor; returns the new
    /// descriptor, or -1 when that failed (the mount then works as before, without the ordering).
    /// </summary>
    public static int DuplicateAboveAll(int fuseDescriptor)
    {
        if (fuseDescriptor < 0)
        {
            return -1;
        }

        var highest = fuseDescriptor;
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                if (int.TryParse(Path.GetFileName(entry), out var fd) && fd > highest)
                {
                    highest = fd;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }

        return LibC.fcntl(fuseDescriptor, LibC.F_DUPFD_CLOEXEC, highest + 1);
    }

    /// <summary>Closes the duplicate once the session descriptor is closed.</summary>
    public static void Release(int duplicate)
    {
        if (duplicate >= 0)
        {
            LibC.close(duplicate);
        }
    }
}
