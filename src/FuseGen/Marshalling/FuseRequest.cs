using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FuseGen.Interop;
using FuseGen.Interop.Native;
using FuseGen.Runtime;

namespace FuseGen.Marshalling;

/// <summary>
/// The request a generated trampoline is serving: reads libfuse's thread-local context once, finds the mounted
/// filesystem instance and turns exceptions into errnos. Used by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly unsafe struct FuseRequest
{
    private readonly fuse_context* context;
    private readonly FuseSession? session;

    // The session is looked up once per request: the filesystem, typed handles and fault reports all come from it.
    private FuseRequest(fuse_context* context)
    {
        this.context = context;
        session = context == null || context->private_data == null
            ? null
            : GCHandle.FromIntPtr((nint)context->private_data).Target as FuseSession;
    }

    /// <summary>The request on this thread (empty outside one; never throws).</summary>
    public static FuseRequest Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(LibFuse.CurrentContext());
    }

    /// <summary>The caller's ids and umask.</summary>
    public FuseContext Context => context == null ? default : new FuseContext(context->uid, context->gid, context->pid, context->umask);

    /// <summary>The filesystem instance the request is for.</summary>
    /// <remarks>The session was created with an instance of <typeparamref name="T"/>, whose generated code is the only caller.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T FileSystem<T>()
        where T : class => Unsafe.As<T>(Session.FileSystem);

    /// <summary>The session, or null outside a request.</summary>
    internal FuseSession? SessionOrNull => session;

    /// <summary>The /dev/fuse descriptor of the request's session, or -1.</summary>
    internal int SessionDescriptor
    {
        get
        {
            if (context == null || context->fuse == null)
            {
                return -1;
            }

            var libfuseSession = LibFuse.fuse_get_session(context->fuse);
            return libfuseSession == null ? -1 : LibFuse.fuse_session_fd(libfuseSession);
        }
    }

    internal FuseSession Session
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => session ?? ThrowNoRequest();
    }

    /// <summary>
    /// Stores the handle an open, create or opendir method returned and puts its id into <c>fi-&gt;fh</c>.
    /// A null handle fails the open with EIO: return an <see cref="Errno"/> or throw <see cref="FuseException"/> instead.
    /// </summary>
    public int StoreHandle(object? handle, void* fileInfo)
    {
        var session = Session;
        var fh = session.StoreHandle(handle);
        ((fuse_file_info*)fileInfo)->fh = fh;
        Passthrough.Adopt(session, fileInfo, fh);
        return 0;
    }

    /// <summary>
    /// The handle object of the file libfuse names in <paramref name="fileInfo"/>: null when there is no file info or
    /// no handle; EBADF when <c>fh</c> names no live handle of type <typeparamref name="T"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T? Handle<T>(void* fileInfo)
        where T : class => HasHandle(fileInfo) ? Session.Handle<T>(fileInfo) : null;

    /// <summary>
    /// Frees the handle of a released file. With <paramref name="dispose"/> (no release method of the filesystem's
    /// own takes the handle), an <see cref="IDisposable"/> handle is disposed.
    /// </summary>
    public void FreeHandle(void* fileInfo, bool dispose)
    {
        // Without a handle there is nothing to free, and no session needed (static filesystems called directly).
        if (HasHandle(fileInfo))
        {
            var session = Session;
            Passthrough.Release(session, ((fuse_file_info*)fileInfo)->fh);
            session.FreeHandle(fileInfo, dispose);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasHandle(void* fileInfo) => fileInfo != null && ((fuse_file_info*)fileInfo)->fh != 0;

    /// <summary>
    /// Maps an exception thrown by <paramref name="operation"/> to a negative errno and reports it once to the
    /// mount's fault handler (except <see cref="FuseException"/>, which is an answer, not a fault). An errno outside
    /// 1..511, which the kernel would not deliver, becomes EIO and is reported. Never throws.
    /// </summary>
    public int Fail(Exception exception, string operation) => Fail(exception, operation, null);

    /// <summary>
    /// Like <see cref="Fail(Exception, string)"/>, for a request that names <paramref name="path"/> (a NUL-terminated
    /// UTF-8 string; null when it names none), which the fault report carries with the caller. It is decoded only
    /// when there is a fault.
    /// </summary>
    public int Fail(Exception exception, string operation, byte* path) =>
        -(int)FuseSession.MapFault(session, exception, operation, path, inode: null, Context);

    /// <summary>
    /// True for the errnos the kernel accepts in a reply: 1 to 511. It rejects a larger one (EINVAL to libfuse's
    /// write, "fuse: writing device: Invalid argument") and the caller then waits forever for an answer that never
    /// comes; zero or a negative value would read as success.
    /// </summary>
    internal static bool IsDeliverable(Errno errno) => (int)errno is > 0 and < 512;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FuseSession ThrowNoRequest() => throw new InvalidOperationException("No FUSE request is being served on this thread.");
}
