using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System;
using FuseGen.Interop.Native;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.Runtime;

/// <summary>
/// The inode API's libfuse object: <c>fuse_session_new</c> with the generated <c>struct fuse_lowlevel_ops</c>.
/// Generated code finds the session through <c>fuse_req_userdata(req)</c> (the session's GCHandle), and the
/// settings replies take from the mount (default timeouts and open flags, the inode table) are read here.
/// </summary>
/// <remarks>
/// The low-level session takes neither the high-level cache options (<c>entry_timeout</c>, <c>attr_timeout</c>,
/// <c>negative_timeout</c>, <c>kernel_cache</c>) nor <c>fuse_config</c>: FuseGen applies them to its replies instead
/// (entry and attribute timeouts, <c>keep_cache</c> and <c>direct_io</c> on open), so the same options mean the same
/// on both APIs.
/// </remarks>
internal sealed unsafe class InodeSessionApi : SessionApi
{
    private const double DefaultTimeout = 1.0;

    private void* session;
    private InodeNotifier? notifier;
    private delegate* unmanaged[Cdecl]<void*, void*, void> userInit;
    private delegate* unmanaged[Cdecl]<void*, void> userDestroy;
    private delegate* unmanaged[Cdecl]<void*, nuint, void*, void> userForgetMulti;

    public InodeSessionApi(IFuseInodeFileSystem fileSystem, MountOptions options)
    {
        Inodes = fileSystem.Inodes;
        EntryTimeout = options.CacheOption("entry_timeout", options.EntryTimeout) ?? DefaultTimeout;
        AttributeTimeout = options.CacheOption("attr_timeout", options.AttrTimeout) ?? DefaultTimeout;
        NegativeTimeout = options.CacheOption("negative_timeout", options.NegativeTimeout) ?? 0;
        DirectIo = options.DirectIo;
        KeepCache = options.KeepsKernelCache;
        Pending = new PendingRequests(options.MaxPendingRequests);
    }

    /// <summary>The requests in flight on the async path, their bound, and the rundown before destroy.</summary>
    public PendingRequests Pending { get; }

    /// <summary>The filesystem's inode table, or null.</summary>
    public InodeTable? Inodes { get; }

    /// <summary>Seconds an entry is cached unless it says otherwise.</summary>
    public double EntryTimeout { get; }

    /// <summary>Seconds attributes are cached unless the reply says otherwise.</summary>
    public double AttributeTimeout { get; }

    /// <summary>Seconds a failed lookup (ENOENT) is cached; 0: not at all.</summary>
    public double NegativeTimeout { get; }

    /// <summary>Every open bypasses the page cache (<c>-o direct_io</c>).</summary>
    public bool DirectIo { get; }

    /// <summary>Every open keeps the cached data (<c>-o kernel_cache</c>).</summary>
    public bool KeepCache { get; }

    public override void* NativeSession => session;

    /// <summary>The notifier of <paramref name="owner"/>'s mount, made on first use.</summary>
    public InodeNotifier Notifier(FuseSession owner)
    {
        if (notifier is null)
        {
            Interlocked.CompareExchange(ref notifier, new InodeNotifier(owner, Pending), null);
        }

        return notifier;
    }

    public override bool Create(FuseSession owner, fuse_args* arguments, void* userData)
    {
        var operations = (FuseLowLevelOperations*)NativeMemory.AllocZeroed((nuint)sizeof(FuseLowLevelOperations));
        try
        {
            ((IFuseInodeFileSystem)owner.FileSystem).FillOperations(operations);
            Complete(operations);
            if (LibFuse.fuse_session_new_versioned != null)
            {
                var version = new LibFuseVersion { major = 3, minor = (uint)Math.Min(LibFuse.Version.Minor, 18) };
                session = LibFuse.fuse_session_new_versioned(arguments, operations, (nuint)LibFuse.LowLevelOperationsSize, &version, userData);
            }
            else
            {
                session = LibFuse.fuse_session_new(arguments, operations, (nuint)LibFuse.LowLevelOperationsSize, userData);
            }

            Pending.NativeSession = session;
            return session != null;
        }
        finally
        {
            // libfuse copied the table in fuse_session_new.
            NativeMemory.Free(operations);
        }
    }

    /// <summary>
    /// Wraps init and destroy (so they can never throw into libfuse) and makes every forget reach the filesystem
    /// and its inode table, whichever of forget and forget_multi it binds: the kernel sends FORGET for one inode
    /// and BATCH_FORGET for several, and libfuse answers a FORGET itself (dropping it) when there is no forget.
    /// </summary>
    /// <remarks>
    /// Only [Forget]: libfuse calls it once per inode of a batch. Only [ForgetMulti]: a single forget is passed to it
    /// as a batch of one. Neither, with an inode table: both give the references back to the table.
    /// </remarks>
    internal void Complete(FuseLowLevelOperations* operations)
    {
        userInit = operations->init;
        userDestroy = operations->destroy;
        userForgetMulti = operations->forget_multi;
        var userForget = operations->forget;
        operations->init = &OnInit;
        operations->destroy = &OnDestroy;
        if (userForget == null && (Inodes is not null || userForgetMulti != null))
        {
            operations->forget = &OnForget;
        }

        if (userForget == null && userForgetMulti == null && Inodes is not null)
        {
            operations->forget_multi = &OnForgetMulti;
        }
    }

    public override int Mount(byte* mountPoint) => LibFuse.fuse_session_mount(session, mountPoint);

    public override int Loop() => LibFuse.fuse_session_loop(session);

    public override int LoopMultithreaded(MountOptions options) =>
        RunMultithreaded(session, options, LibFuse.fuse_session_loop_mt_312, LibFuse.fuse_session_loop_mt_32, LibFuse.fuse_session_loop_mt_30);

    public override void BeginClosing() => Pending.BeginClosing();

    public override void Drain(TimeSpan timeout) => Pending.Drain(timeout);

    public override void Unmount() => LibFuse.fuse_session_unmount(session);

    public override void Destroy()
    {
        Pending.NativeSession = null;
        LibFuse.fuse_session_destroy(session);
        session = null;
    }

    public override List<string> LibfuseOptions(MountOptions options, string typeName) => options.LibfuseOptions(typeName, lowLevel: true);

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnInit(void* userData, void* connection)
    {
        var request = InodeRequest.FromUserData(userData);
        try
        {
            var api = Unsafe.As<InodeSessionApi>(request.Session.Api);
            request.Session.PrepareInit(connection);
            if (api.userInit != null)
            {
                api.userInit(userData, connection);
            }
        }
        catch (Exception e)
        {
            request.Fail(e, "init");
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnDestroy(void* userData)
    {
        var request = InodeRequest.FromUserData(userData);
        try
        {
            var api = Unsafe.As<InodeSessionApi>(request.Session.Api);
            if (api.userDestroy != null)
            {
                api.userDestroy(userData);
            }
        }
        catch (Exception e)
        {
            request.Fail(e, "destroy");
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnForget(void* request, ulong inode, ulong count)
    {
        var forget = InodeRequest.From(request);
        if (forget.SessionOrNull?.Api is InodeSessionApi { userForgetMulti: not null } api)
        {
            // The filesystem binds only [ForgetMulti]: a batch of one (its entry point answers and counts the table).
            var single = new InodeForget(inode, count);
            api.userForgetMulti(request, 1, &single);
            return;
        }

        forget.ReplyForget(inode, count);
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnForgetMulti(void* request, nuint count, void* forgets) => InodeRequest.From(request).ReplyForgetMulti(count, forgets);
}
