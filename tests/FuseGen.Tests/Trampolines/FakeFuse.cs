using System;
using System.Runtime.InteropServices;
using FuseGen.Interop;
using FuseGen.Interop.Native;
using FuseGen.Runtime;

namespace FuseGen.Tests.Trampolines;

/// <summary>
/// Stands in for libfuse while tests call generated trampolines directly: a native <c>fuse_context</c> whose
/// <c>private_data</c> is a GCHandle to an unmounted <see cref="FuseSession"/>, returned by a fake
/// <c>fuse_get_context</c> installed through <c>LibFuse.SetContextSourceForTesting</c>. Disposing restores the
/// real context source. Shared by the <see cref="GlobalStateCollection"/>, whose tests never run in parallel.
/// </summary>
public sealed unsafe class FakeFuse : IDisposable
{
    public const uint CallerUid = 1234;
    public const uint CallerGid = 567;
    public const int CallerPid = 8910;
    public const uint CallerUmask = 0x12; // 022

    private readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<fuse_context*> original;
    private readonly NativeFunction contextSource;
    private GCHandle session;

    public FakeFuse()
    {
        Context = (fuse_context*)NativeMemory.AllocZeroed((nuint)sizeof(fuse_context));
        contextSource = NativeFunction.ReturningConstant(Context);
        original = LibFuse.fuse_get_context;
        LibFuse.SetContextSourceForTesting((delegate* unmanaged[Cdecl, SuppressGCTransition]<fuse_context*>)contextSource.Address);
    }

    /// <summary>The context every trampoline sees.</summary>
    internal fuse_context* Context { get; }

    /// <summary>Makes <paramref name="fileSystem"/> the one requests are for, with the default caller.</summary>
    internal FuseSession Serve(IFuseFileSystem fileSystem, MountOptions? options = null)
    {
        var created = FuseSession.CreateForTesting(fileSystem, options ?? new MountOptions());
        var handle = GCHandle.Alloc(created);
        Leave();
        session = handle;
        Context->private_data = (void*)GCHandle.ToIntPtr(handle);
        Context->uid = CallerUid;
        Context->gid = CallerGid;
        Context->pid = CallerPid;
        Context->umask = CallerUmask;
        return created;
    }

    /// <summary>Builds a native <c>fuse_operations</c> table the way FuseSession does.</summary>
    internal static FuseOperations* FillOperations(IFuseFileSystem fileSystem)
    {
        var operations = (FuseOperations*)NativeMemory.AllocZeroed((nuint)sizeof(FuseOperations));
        fileSystem.FillOperations(operations);
        return operations;
    }

    /// <summary>Ends the fake request: the context is all zero, as outside a request.</summary>
    internal void Leave()
    {
        *Context = default;
        if (session.IsAllocated)
        {
            session.Free();
        }
    }

    /// <summary>Puts FileInfoBits back to the layout of the loaded libfuse (or the 3.x default when none is loaded).</summary>
    internal static void RestoreFileInfoBits() => FileInfoBits.Select(LibFuse.IsLoaded ? LibFuse.Version : new Version(3, 0));

    public void Dispose()
    {
        LibFuse.SetContextSourceForTesting(original);
        Leave();
        contextSource.Dispose();
        NativeMemory.Free(Context);
    }
}
