using System;
using System.Runtime.InteropServices;
using System.Threading;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Interop.Native;
using FuseGen.Runtime;

namespace FuseGen.Testing;

/// <summary>Who a fake request comes from: the <c>uid</c>, <c>gid</c>, <c>pid</c> and <c>umask</c> of <c>fuse_context</c>.</summary>
/// <param name="Uid">User id.</param>
/// <param name="Gid">Group id.</param>
/// <param name="Pid">Process id.</param>
/// <param name="Umask">The caller's umask (applied by the filesystem to create modes when it chooses to).</param>
public readonly record struct FakeCaller(uint Uid, uint Gid, int Pid, uint Umask);

/// <summary>
/// Calls a filesystem's generated entry points without a kernel or a mount, the way libfuse calls them: through the
/// native <c>struct fuse_operations</c> the generated <c>FillOperations</c> fills, inside a fake request.
/// </summary>
/// <remarks>
/// <para>Generated code reaches its filesystem, the file handles and the caller through
/// <c>fuse_get_context()</c>. While a session exists, that function is replaced (<c>LibFuse.SetContextSourceForTesting</c>)
/// by a few bytes of native code returning a <c>fuse_context</c> owned by this object, whose <c>private_data</c> leads
/// to an unmounted FuseGen session (<c>FuseSession.CreateForTesting</c>) holding the served filesystem, its handle
/// table and its <see cref="MountOptions.FaultHandler"/>. <see cref="Dispose"/> puts the real function back.</para>
/// <para>The replacement is process-wide: one session exists at a time (a second constructor waits for the first to
/// be disposed), and no filesystem may be mounted in the same process meanwhile, since its requests would see the
/// fake context.</para>
/// </remarks>
/// <example>
/// <code>
/// using var session = new KernelFreeSession();
/// var ops = session.Serve(new MyFs());
/// using var path = NativeBlock.CString("/file");
/// using var stat = new NativeBlock(NativeStat.MaxSize);
/// Assert.Equal(0, ops->getattr(path.Pointer, stat.Pointer, null));
/// </code>
/// </example>
public sealed unsafe partial class KernelFreeSession : IDisposable
{
    /// <summary>The caller of requests unless <see cref="Caller"/> says otherwise: an unprivileged uid, umask 022.</summary>
    public static readonly FakeCaller DefaultCaller = new(1234, 567, 8910, 0x12);

    private static readonly SemaphoreSlim Exclusive = new(1, 1);
    private static readonly TimeSpan ExclusiveWait = TimeSpan.FromMinutes(2);

    private readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<fuse_context*> original;
    private readonly NativeFunction contextSource;
    private readonly fuse_context* context;
    private GCHandle session;
    private FuseOperations* operations;
    private FakeCaller caller = DefaultCaller;
    private bool disposed;

    /// <summary>Installs the fake context; nothing is served until <see cref="Serve"/>.</summary>
    public KernelFreeSession()
    {
        if (!Exclusive.Wait(ExclusiveWait))
        {
            throw new InvalidOperationException("another KernelFreeSession has not been disposed: fuse_get_context can be replaced by one at a time");
        }

        try
        {
            FuseContextGate.EnterSession();
        }
        catch
        {
            Exclusive.Release();
            throw;
        }

        try
        {
            context = (fuse_context*)NativeMemory.AllocZeroed((nuint)sizeof(fuse_context));
            contextSource = NativeFunction.ReturningConstant(context);
            original = LibFuse.fuse_get_context;
            LibFuse.SetContextSourceForTesting((delegate* unmanaged[Cdecl, SuppressGCTransition]<fuse_context*>)contextSource.Address);
        }
        catch
        {
            NativeMemory.Free(context);
            FuseContextGate.ExitSession();
            Exclusive.Release();
            throw;
        }
    }

    /// <summary>
    /// A session serving <paramref name="fileSystem"/> (see <see cref="Serve"/>): the form for tests that use
    /// <see cref="Getattr"/>, <see cref="ReadFile"/> and <see cref="List"/>, which need no unsafe code.
    /// </summary>
    /// <remarks>A factory rather than a constructor: xunit takes the class as a collection fixture, which must have one public constructor.</remarks>
    /// <param name="fileSystem">The filesystem to serve.</param>
    /// <param name="options">The mount options the session carries; what matters here is the fault handler.</param>
    public static KernelFreeSession Create(IFuseFileSystem fileSystem, MountOptions? options = null)
    {
        var session = new KernelFreeSession();
        try
        {
            session.Serve(fileSystem, options);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The caller the current and later requests come from; <see cref="DefaultCaller"/> after each
    /// <see cref="Serve"/>. Outside a request (before Serve, after <see cref="Leave"/>) it is not written.
    /// </summary>
    public FakeCaller Caller
    {
        get => caller;
        set
        {
            caller = value;
            if (session.IsAllocated)
            {
                WriteCaller();
            }
        }
    }

    /// <summary>The table of the filesystem being served (null before <see cref="Serve"/> and after <see cref="Leave"/>).</summary>
    public FuseOperations* Operations => operations;

    /// <summary>
    /// Makes <paramref name="fileSystem"/> the one requests are for, from <see cref="DefaultCaller"/>, with a fresh
    /// handle table, and returns its operation table, valid until the next Serve, <see cref="Leave"/> or
    /// <see cref="Dispose"/>.
    /// </summary>
    /// <param name="fileSystem">The filesystem to serve.</param>
    /// <param name="options">The mount options the session carries; what matters here is the fault handler.</param>
    public FuseOperations* Serve(IFuseFileSystem fileSystem, MountOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var created = FuseSession.CreateForTesting(fileSystem, options ?? new MountOptions());
        var table = FillOperations(fileSystem);
        Leave();
        session = GCHandle.Alloc(created);
        operations = table;
        context->private_data = (void*)GCHandle.ToIntPtr(session);
        caller = DefaultCaller;
        WriteCaller();
        return table;
    }

    /// <summary>
    /// Ends the fake request: the context reads all zero, as on a thread outside any request, and the served
    /// filesystem, its handles and its table are dropped.
    /// </summary>
    public void Leave()
    {
        *context = default;

        // A thread that served an inode request (kernel-free tests of the inode API run on the same pool threads)
        // keeps that caller as its FuseContext.Current until its next request: outside a request here, it reads empty.
        InodeRequest.LeaveForTesting();
        if (session.IsAllocated)
        {
            session.Free();
        }

        if (operations != null)
        {
            NativeMemory.Free(operations);
            operations = null;
        }
    }

    /// <summary>
    /// A native <c>struct fuse_operations</c> filled the way a mount fills it, for calling a filesystem whose
    /// methods need no session (static ones). Free it with <see cref="FreeOperations"/>.
    /// </summary>
    public static FuseOperations* FillOperations(IFuseFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        var table = (FuseOperations*)NativeMemory.AllocZeroed((nuint)sizeof(FuseOperations));
        fileSystem.FillOperations(table);
        return table;
    }

    /// <summary>Frees a table from <see cref="FillOperations"/>.</summary>
    public static void FreeOperations(FuseOperations* table) => NativeMemory.Free(table);

    /// <summary>
    /// Puts the <c>fuse_file_info</c> bit layout back to the loaded libfuse's (the 3.x default when none is loaded),
    /// after a test selected another version's.
    /// </summary>
    public static void RestoreFileInfoLayout() => FileInfoBits.Select(LibFuse.IsLoaded ? LibFuse.Version : new Version(3, 0));

    /// <summary>Leaves, restores the real <c>fuse_get_context</c> and lets the next session start.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        LibFuse.SetContextSourceForTesting(original);
        Leave();
        contextSource.Dispose();
        NativeMemory.Free(context);
        FuseContextGate.ExitSession();
        Exclusive.Release();
    }

    private void WriteCaller()
    {
        context->uid = caller.Uid;
        context->gid = caller.Gid;
        context->pid = caller.Pid;
        context->umask = caller.Umask;
    }
}
