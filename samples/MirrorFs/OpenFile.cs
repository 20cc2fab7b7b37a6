using System;
using System.Threading;
using FuseGen.Interop;
using FuseGen.Marshalling;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// An open file of the source: the handle [Open] and [Create] return. Every I/O operation on the file uses this
/// descriptor (pread, pwrite, splice, fsync, locks...); [Release] closes it.
/// </summary>
internal sealed unsafe class OpenFile : IDisposable
{
    private int descriptor;
    private ulong device;
    private ulong inode;
    private int identified;

    public OpenFile(int descriptor, int flags)
    {
        this.descriptor = descriptor;
        Flags = flags;
        NeedsAlignedMemory = (flags & LibC.O_DIRECT) != 0 && !OnTmpfs(descriptor);
    }

    /// <summary>The descriptor; -1 once disposed.</summary>
    public int Descriptor => Volatile.Read(ref descriptor);

    /// <summary>The flags it was opened with.</summary>
    public int Flags { get; }

    /// <summary>
    /// Whether its I/O must come from aligned memory (<see cref="DirectIoBuffer"/>): the source opened it O_DIRECT,
    /// and the filesystem is not tmpfs, whose O_DIRECT goes through its page cache and takes any buffer (so data
    /// spliced from libfuse's pipe goes straight on, without a copy).
    /// </summary>
    public bool NeedsAlignedMemory { get; }

    /// <summary>
    /// The file's device and inode numbers (what POSIX locks belong to), read once with fstat; false with the errno
    /// when fstat fails.
    /// </summary>
    public bool TryIdentify(out ulong deviceNumber, out ulong inodeNumber, out FuseGen.Errno error)
    {
        error = FuseGen.Errno.None;
        if (Volatile.Read(ref identified) == 0)
        {
            var buffer = stackalloc byte[NativeStat.MaxSize];
            if (LibC.fstat(Descriptor, buffer) == -1)
            {
                error = LibC.LastErrno;
                deviceNumber = inodeNumber = 0;
                return false;
            }

            // st_dev leads struct stat on x86_64 and arm64 alike.
            device = *(ulong*)buffer;
            inode = NativeStat.Read(buffer).Inode;
            Volatile.Write(ref identified, 1);
        }

        deviceNumber = device;
        inodeNumber = inode;
        return true;
    }

    private static bool OnTmpfs(int fd)
    {
        var buffer = stackalloc byte[120];
        return LibC.fstatfs(fd, buffer) == 0 && *(long*)buffer == LibC.TMPFS_MAGIC;
    }

    /// <summary>Closes the descriptor (once).</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref descriptor, -1);
        if (fd >= 0)
        {
            LibC.close(fd);
        }
    }
}
