using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System;
using FuseGen.Interop.Native;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.Runtime;

/// <summary>
/// The path API's libfuse object: <c>fuse_new</c> with the generated <c>struct fuse_operations</c>. Generated code
/// finds the session through <c>fuse_get_context()-&gt;private_data</c>.
/// </summary>
internal sealed unsafe class PathSessionApi : SessionApi
{
    private void* fuse;
    private delegate* unmanaged[Cdecl]<void*, void*, void*> userInit;
    private delegate* unmanaged[Cdecl]<void*, void> userDestroy;

    // Set when this mount's configuration makes libfuse's filler look entries up (readdir_ino); see LibFuseFiller.
    private bool fillerLooksUp;
    private MountOptions? options;

    public override void* NativeSession => LibFuse.fuse_get_session(fuse);

    public override bool Create(FuseSession session, fuse_args* arguments, void* userData)
    {
        options = session.Options;
        // libfuse reads OperationsSize bytes, which covers members FuseGen does not bind yet (statx, ...): they stay null.
        var operations = (FuseOperations*)NativeMemory.AllocZeroed((nuint)Math.Max(sizeof(FuseOperations), LibFuse.OperationsSize));
        try
        {
            ((IFuseFileSystem)session.FileSystem).FillOperations(operations);
            userInit = operations->init;
            userDestroy = operations->destroy;
            operations->init = &OnInit;
            operations->destroy = &OnDestroy;
            fuse = LibFuse.fuse_new(arguments, operations, (nuint)LibFuse.OperationsSize, userData);
            if (fuse != null)
            {
                LibFuse.HighLevelInstanceCreated();
            }

            return fuse != null;
        }
        finally
        {
            // libfuse copied the table in fuse_new.
            NativeMemory.Free(operations);
        }
    }

    public override int Mount(byte* mountPoint) => LibFuse.fuse_mount(fuse, mountPoint);

    public override int Loop() => LibFuse.fuse_loop(fuse);

    public override int LoopMultithreaded(MountOptions options) =>
        RunMultithreaded(fuse, options, LibFuse.fuse_loop_mt_312, LibFuse.fuse_loop_mt_32, LibFuse.fuse_loop_mt_30);

    public override void Unmount() => LibFuse.fuse_unmount(fuse);

    public override void Destroy()
    {
        LibFuse.fuse_destroy(fuse);
        fuse = null;
        LibFuse.HighLevelInstanceDestroyed();
        if (fillerLooksUp)
        {
            fillerLooksUp = false;
            LibFuseFiller.MountEnded();
        }
    }

    public override List<string> LibfuseOptions(MountOptions options, string typeName) => options.LibfuseOptions(typeName);

    /// <summary>
    /// The options libfuse 3 takes only in <c>fuse_config</c>, set before the filesystem's own init so that it can
    /// still change them (those of <c>fuse_conn_info</c> both APIs share: <see cref="FuseSession.PrepareInit"/>).
    /// </summary>
    private void Configure(fuse_config* config)
    {
        if (options is null || config == null)
        {
            return;
        }

        if (options.UseIno)
        {
            config->use_ino = 1;
        }

        if (options.DirectIo)
        {
            config->direct_io = 1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void* OnInit(void* connection, void* config)
    {
        var context = LibFuse.fuse_get_context();
        PathSessionApi? api = null;
        try
        {
            var session = Unsafe.As<FuseSession>(GCHandle.FromIntPtr((nint)context->private_data).Target!);
            api = Unsafe.As<PathSessionApi>(session.Api);
            api.Configure((fuse_config*)config);
            session.PrepareInit(connection);
            if (api.userInit != null)
            {
                api.userInit(connection, config);
            }
        }
        catch (Exception e)
        {
            FuseRequest.Current.Fail(e, "init");
        }

        // Whatever init did (or threw), the configuration now holds what the mount will use.
        if (api is not null)
        {
            api.fillerLooksUp = LibFuseFiller.MountStarted((fuse_config*)config);
        }

        // private_data stays FuseGen's session handle whatever the filesystem does in init.
        return context->private_data;
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnDestroy(void* privateData)
    {
        try
        {
            var session = Unsafe.As<FuseSession>(GCHandle.FromIntPtr((nint)privateData).Target!);
            var api = Unsafe.As<PathSessionApi>(session.Api);
            if (api.userDestroy != null)
            {
                api.userDestroy(privateData);
            }
        }
        catch (Exception e)
        {
            FuseRequest.Current.Fail(e, "destroy");
        }
    }
}
