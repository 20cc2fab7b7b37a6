using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Interop.Native;

namespace FuseGen.Runtime;

/// <summary>
/// Passthrough (libfuse 3.17+, kernel 6.9+, CAP_SYS_ADMIN): a backing file registered with the kernel through the
/// session's <c>/dev/fuse</c> descriptor, whose id the open reply carries (<c>fuse_file_info.backing_id</c>). The
/// high-level API has no request handle, so the registration is done here with the same ioctl libfuse's
/// <c>fuse_passthrough_open</c> uses.
/// </summary>
/// <remarks>
/// The kernel looks the id up when the opening process reads the reply, some time after libfuse sent it, so the id
/// may only be closed once the kernel is done with the open: at the file's release (as libfuse's passthrough_hp
/// does). The id is tied to the file's handle when the runtime stores it (typed handles, <see cref="Adopt"/>) or when
/// <c>fh</c> is already set at registration; ids the runtime cannot tie to a handle end with the connection.
/// </remarks>
internal static unsafe class Passthrough
{
    // _IOW(229, 1, struct fuse_backing_map) and _IOW(229, 2, uint32_t) of linux/fuse.h.
    private const uint BackingOpen = 0x4010E501;
    private const uint BackingClose = 0x4004E502;

    // The open being served on this thread that registered a backing file before its handle was stored.
    [ThreadStatic]
    private static nint pendingFileInfo;

    [ThreadStatic]
    private static int pendingId;

    /// <summary>
    /// Registers <paramref name="backingDescriptor"/> for the open being served; returns the backing id, or 0 when the
    /// kernel refused (no passthrough on this connection, no privilege, stacking too deep).
    /// </summary>
    public static int Register(fuse_file_info* fileInfo, int backingDescriptor)
    {
        var request = FuseRequest.Current;
        var device = request.SessionDescriptor;
        if (backingDescriptor < 0 || device < 0 || request.SessionOrNull is not { } session)
        {
            return 0;
        }

        var map = new BackingMap { fd = backingDescriptor };
        var id = ioctl(device, BackingOpen, &map);
        if (id <= 0)
        {
            return 0;
        }

        if (fileInfo->fh != 0)
        {
            Tie(session, fileInfo->fh, id);
        }
        else
        {
            pendingFileInfo = (nint)fileInfo;
            pendingId = id;
        }

        return id;
    }

    /// <summary>Ties the backing id registered for <paramref name="fileInfo"/> on this thread to its new handle.</summary>
    public static void Adopt(FuseSession session, void* fileInfo, ulong fh)
    {
        if (pendingId != 0 && pendingFileInfo == (nint)fileInfo)
        {
            Tie(session, fh, pendingId);
            pendingId = 0;
            pendingFileInfo = 0;
        }
    }

    /// <summary>Closes the backing id of the released handle <paramref name="fh"/>, if it has one.</summary>
    public static void Release(FuseSession session, ulong fh)
    {
        if (fh != 0 && session.BackingIds is { } ids && ids.TryRemove(fh, out var id))
        {
            var device = FuseRequest.Current.SessionDescriptor;
            if (device >= 0)
            {
                ioctl(device, BackingClose, &id);
            }
        }
    }

    private static void Tie(FuseSession session, ulong fh, int id)
    {
        var ids = session.BackingIds;
        if (ids is null)
        {
            System.Threading.Interlocked.CompareExchange(ref session.BackingIds, new ConcurrentDictionary<ulong, int>(), null);
            ids = session.BackingIds!;
        }

        ids[fh] = id;
    }

    [DllImport("libc.so.6", EntryPoint = "ioctl")]
    private static extern int ioctl(int fd, nuint request, void* argument);

    [StructLayout(LayoutKind.Sequential)]
    private struct BackingMap
    {
        public int fd;
        public uint flags;
        public ulong padding;
    }
}
