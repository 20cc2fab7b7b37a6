using System;
using FuseGen.Interop.Native;
using FuseGen.Marshalling;

namespace FuseGen.Interop;

/// <summary>
/// The low-level (inode) half of libfuse3: session, replies, directory buffers, request context and notifications,
/// resolved with the same library handle and symbol versions as the high-level half.
/// </summary>
/// <remarks>
/// <para>Every function keeps the GC transition except those that only read or fill memory they are given
/// (<c>fuse_req_ctx</c>, <c>fuse_req_userdata</c>, <c>fuse_add_direntry_plus</c>): replies write to /dev/fuse and
/// <c>fuse_req_interrupt_func</c> takes a mutex that another thread may hold while it calls into managed code.</para>
/// <para><c>fuse_session_new</c>: libfuse 3.17 made the public name a header macro calling
/// <c>fuse_session_new_versioned@FUSE_3.17</c> (which takes the version the caller was built for) and kept
/// <c>fuse_session_new@FUSE_3.0</c> for old binaries. The versioned entry is used where it exists.</para>
/// </remarks>
internal static unsafe partial class LibFuse
{
    public static delegate* unmanaged[Cdecl]<fuse_args*, FuseLowLevelOperations*, nuint, void*, void*> fuse_session_new;
    public static delegate* unmanaged[Cdecl]<fuse_args*, FuseLowLevelOperations*, nuint, LibFuseVersion*, void*, void*> fuse_session_new_versioned;
    public static delegate* unmanaged[Cdecl]<void*, byte*, int> fuse_session_mount;
    public static delegate* unmanaged[Cdecl]<void*, void> fuse_session_unmount;
    public static delegate* unmanaged[Cdecl]<void*, void> fuse_session_destroy;
    public static delegate* unmanaged[Cdecl]<void*, int> fuse_session_loop;

    // fuse_session_loop_mt: the three ABIs of fuse_loop_mt (see LibFuse).
    public static delegate* unmanaged[Cdecl]<void*, void*, int> fuse_session_loop_mt_312;
    public static delegate* unmanaged[Cdecl]<void*, fuse_loop_config_v1*, int> fuse_session_loop_mt_32;
    public static delegate* unmanaged[Cdecl]<void*, int, int> fuse_session_loop_mt_30;

    public static delegate* unmanaged[Cdecl]<void*, int, int> fuse_reply_err;
    public static delegate* unmanaged[Cdecl]<void*, void> fuse_reply_none;
    public static delegate* unmanaged[Cdecl]<void*, void*, int> fuse_reply_entry;
    public static delegate* unmanaged[Cdecl]<void*, void*, void*, int> fuse_reply_create;
    public static delegate* unmanaged[Cdecl]<void*, void*, double, int> fuse_reply_attr;
    public static delegate* unmanaged[Cdecl]<void*, byte*, int> fuse_reply_readlink;
    public static delegate* unmanaged[Cdecl]<void*, void*, int> fuse_reply_open;
    public static delegate* unmanaged[Cdecl]<void*, nuint, int> fuse_reply_write;
    public static delegate* unmanaged[Cdecl]<void*, byte*, nuint, int> fuse_reply_buf;
    public static delegate* unmanaged[Cdecl]<void*, void*, int> fuse_reply_statfs;
    public static delegate* unmanaged[Cdecl]<void*, nuint, int> fuse_reply_xattr;
    public static delegate* unmanaged[Cdecl]<void*, void*, int> fuse_reply_lock;
    public static delegate* unmanaged[Cdecl]<void*, ulong, int> fuse_reply_bmap;
    public static delegate* unmanaged[Cdecl]<void*, int, void*, nuint, int> fuse_reply_ioctl;
    public static delegate* unmanaged[Cdecl]<void*, uint, int> fuse_reply_poll;
    public static delegate* unmanaged[Cdecl]<void*, long, int> fuse_reply_lseek;

    // libfuse 3.18+ only: null before (its statx member is then never in the table libfuse reads).
    public static delegate* unmanaged[Cdecl]<void*, int, Statx*, double, int> fuse_reply_statx;

    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, byte*, nuint, byte*, void*, long, nuint> fuse_add_direntry_plus;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, void*> fuse_req_userdata;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, fuse_ctx*> fuse_req_ctx;
    public static delegate* unmanaged[Cdecl]<void*, delegate* unmanaged[Cdecl]<void*, void*, void>, void*, void> fuse_req_interrupt_func;
    public static delegate* unmanaged[Cdecl]<void*, int> fuse_req_interrupted;

    public static delegate* unmanaged[Cdecl]<void*, ulong, long, long, int> fuse_lowlevel_notify_inval_inode;
    public static delegate* unmanaged[Cdecl]<void*, ulong, byte*, nuint, int> fuse_lowlevel_notify_inval_entry;
    public static delegate* unmanaged[Cdecl]<void*, ulong, ulong, byte*, nuint, int> fuse_lowlevel_notify_delete;
    public static delegate* unmanaged[Cdecl]<void*, ulong, long, void*, int, int> fuse_lowlevel_notify_store;
    public static delegate* unmanaged[Cdecl]<void*, ulong, nuint, long, void*, int> fuse_lowlevel_notify_retrieve;
    public static delegate* unmanaged[Cdecl]<void*, int> fuse_lowlevel_notify_poll;

    /// <summary>Size of <c>struct fuse_lowlevel_ops</c> in the loaded version, so older libraries never warn.</summary>
    public static int LowLevelOperationsSize { get; private set; }

    /// <summary>
    /// Number of <c>fuse_lowlevel_ops</c> members a version declares, from the inode catalog's version column: 42 in
    /// 3.0, copy_file_range 3.4, lseek 3.8, tmpfile 3.17, statx 3.18 (3.19's syncfs is not mirrored: the table stops before it).
    /// </summary>
    internal static int LowLevelOperationCount(Version version) => FuseLowLevelOperations.MemberCount(version);

    private static void LoadLowLevel(nint library, Version version)
    {
        fuse_session_new = (delegate* unmanaged[Cdecl]<fuse_args*, FuseLowLevelOperations*, nuint, void*, void*>)Resolve(library, "fuse_session_new", "FUSE_3.0", true);
        fuse_session_new_versioned = (delegate* unmanaged[Cdecl]<fuse_args*, FuseLowLevelOperations*, nuint, LibFuseVersion*, void*, void*>)ResolveExact(library, "fuse_session_new_versioned", "FUSE_3.17");
        fuse_session_mount = (delegate* unmanaged[Cdecl]<void*, byte*, int>)Resolve(library, "fuse_session_mount", "FUSE_3.0", true);
        fuse_session_unmount = (delegate* unmanaged[Cdecl]<void*, void>)Resolve(library, "fuse_session_unmount", "FUSE_3.0", true);
        fuse_session_destroy = (delegate* unmanaged[Cdecl]<void*, void>)Resolve(library, "fuse_session_destroy", "FUSE_3.0", true);
        fuse_session_loop = (delegate* unmanaged[Cdecl]<void*, int>)Resolve(library, "fuse_session_loop", "FUSE_3.0", true);
        fuse_session_loop_mt_312 = (delegate* unmanaged[Cdecl]<void*, void*, int>)ResolveExact(library, "fuse_session_loop_mt", "FUSE_3.12");
        fuse_session_loop_mt_32 = (delegate* unmanaged[Cdecl]<void*, fuse_loop_config_v1*, int>)ResolveExact(library, "fuse_session_loop_mt", "FUSE_3.2");
        fuse_session_loop_mt_30 = (delegate* unmanaged[Cdecl]<void*, int, int>)ResolveExact(library, "fuse_session_loop_mt", "FUSE_3.0");
        if (fuse_session_loop_mt_312 == null && fuse_session_loop_mt_32 == null && fuse_session_loop_mt_30 == null)
        {
            // Builds without symbol versions export the ABI of their own version under the plain name.
            fuse_session_loop_mt_312 = (delegate* unmanaged[Cdecl]<void*, void*, int>)Resolve(library, "fuse_session_loop_mt", null, true);
        }

        fuse_reply_err = (delegate* unmanaged[Cdecl]<void*, int, int>)Resolve(library, "fuse_reply_err", "FUSE_3.0", true);
        fuse_reply_none = (delegate* unmanaged[Cdecl]<void*, void>)Resolve(library, "fuse_reply_none", "FUSE_3.0", true);
        fuse_reply_entry = (delegate* unmanaged[Cdecl]<void*, void*, int>)Resolve(library, "fuse_reply_entry", "FUSE_3.0", true);
        fuse_reply_create = (delegate* unmanaged[Cdecl]<void*, void*, void*, int>)Resolve(library, "fuse_reply_create", "FUSE_3.0", true);
        fuse_reply_attr = (delegate* unmanaged[Cdecl]<void*, void*, double, int>)Resolve(library, "fuse_reply_attr", "FUSE_3.0", true);
        fuse_reply_readlink = (delegate* unmanaged[Cdecl]<void*, byte*, int>)Resolve(library, "fuse_reply_readlink", "FUSE_3.0", true);
        fuse_reply_open = (delegate* unmanaged[Cdecl]<void*, void*, int>)Resolve(library, "fuse_reply_open", "FUSE_3.0", true);
        fuse_reply_write = (delegate* unmanaged[Cdecl]<void*, nuint, int>)Resolve(library, "fuse_reply_write", "FUSE_3.0", true);
        fuse_reply_buf = (delegate* unmanaged[Cdecl]<void*, byte*, nuint, int>)Resolve(library, "fuse_reply_buf", "FUSE_3.0", true);
        fuse_reply_statfs = (delegate* unmanaged[Cdecl]<void*, void*, int>)Resolve(library, "fuse_reply_statfs", "FUSE_3.0", true);
        fuse_reply_xattr = (delegate* unmanaged[Cdecl]<void*, nuint, int>)Resolve(library, "fuse_reply_xattr", "FUSE_3.0", true);
        fuse_reply_lock = (delegate* unmanaged[Cdecl]<void*, void*, int>)Resolve(library, "fuse_reply_lock", "FUSE_3.0", true);
        fuse_reply_bmap = (delegate* unmanaged[Cdecl]<void*, ulong, int>)Resolve(library, "fuse_reply_bmap", "FUSE_3.0", true);
        fuse_reply_ioctl = (delegate* unmanaged[Cdecl]<void*, int, void*, nuint, int>)Resolve(library, "fuse_reply_ioctl", "FUSE_3.0", true);
        fuse_reply_poll = (delegate* unmanaged[Cdecl]<void*, uint, int>)Resolve(library, "fuse_reply_poll", "FUSE_3.0", true);
        fuse_reply_lseek = (delegate* unmanaged[Cdecl]<void*, long, int>)Resolve(library, "fuse_reply_lseek", "FUSE_3.0", true);
        fuse_reply_statx = (delegate* unmanaged[Cdecl]<void*, int, Statx*, double, int>)ResolveExact(library, "fuse_reply_statx", "FUSE_3.18");

        fuse_add_direntry_plus = (delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, byte*, nuint, byte*, void*, long, nuint>)Resolve(library, "fuse_add_direntry_plus", "FUSE_3.0", true);
        fuse_req_userdata = (delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, void*>)Resolve(library, "fuse_req_userdata", "FUSE_3.0", true);
        fuse_req_ctx = (delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, fuse_ctx*>)Resolve(library, "fuse_req_ctx", "FUSE_3.0", true);
        fuse_req_interrupt_func = (delegate* unmanaged[Cdecl]<void*, delegate* unmanaged[Cdecl]<void*, void*, void>, void*, void>)Resolve(library, "fuse_req_interrupt_func", "FUSE_3.0", true);
        fuse_req_interrupted = (delegate* unmanaged[Cdecl]<void*, int>)Resolve(library, "fuse_req_interrupted", "FUSE_3.0", true);

        fuse_lowlevel_notify_inval_inode = (delegate* unmanaged[Cdecl]<void*, ulong, long, long, int>)Resolve(library, "fuse_lowlevel_notify_inval_inode", "FUSE_3.0", true);
        fuse_lowlevel_notify_inval_entry = (delegate* unmanaged[Cdecl]<void*, ulong, byte*, nuint, int>)Resolve(library, "fuse_lowlevel_notify_inval_entry", "FUSE_3.0", true);
        fuse_lowlevel_notify_delete = (delegate* unmanaged[Cdecl]<void*, ulong, ulong, byte*, nuint, int>)Resolve(library, "fuse_lowlevel_notify_delete", "FUSE_3.0", true);
        fuse_lowlevel_notify_store = (delegate* unmanaged[Cdecl]<void*, ulong, long, void*, int, int>)Resolve(library, "fuse_lowlevel_notify_store", "FUSE_3.0", true);
        fuse_lowlevel_notify_retrieve = (delegate* unmanaged[Cdecl]<void*, ulong, nuint, long, void*, int>)Resolve(library, "fuse_lowlevel_notify_retrieve", "FUSE_3.0", true);
        fuse_lowlevel_notify_poll = (delegate* unmanaged[Cdecl]<void*, int>)Resolve(library, "fuse_lowlevel_notify_poll", "FUSE_3.0", true);

        LowLevelOperationsSize = sizeof(void*) * LowLevelOperationCount(version);
    }

    /// <summary>Test seam: replaces the request-context functions so inode trampolines can run without a kernel.</summary>
    internal static void SetRequestSourcesForTesting(
        delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, void*> userdata,
        delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, fuse_ctx*> context)
    {
        fuse_req_userdata = userdata;
        fuse_req_ctx = context;
    }
}

/// <summary><c>struct libfuse_version</c> (3.17+): the version a caller of <c>fuse_session_new_versioned</c> was built for.</summary>
internal struct LibFuseVersion
{
    public uint major;
    public uint minor;
    public uint hotfix;
    public uint padding;
}
