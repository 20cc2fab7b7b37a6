using System;
using System.ComponentModel;
using System.Threading;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen;

/// <summary>
/// libfuse's handle for waking a poller (<c>struct fuse_pollhandle</c>). Keep it from <see cref="PollAttribute"/>
/// and call <see cref="Notify"/> when the file becomes ready; otherwise dispose it.
/// </summary>
public sealed unsafe class PollHandle : IDisposable
{
    private nint handle;

    private PollHandle(void* handle) => this.handle = (nint)handle;

    /// <summary>Wraps libfuse's pointer (may be NULL). Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static PollHandle FromNative(void* handle) => new(handle);

    /// <summary>False when the kernel did not ask to be notified.</summary>
    public bool IsPresent => Volatile.Read(ref handle) != 0;

    /// <summary>Tells the kernel to poll again, then releases the handle. Safe to call once or never.</summary>
    public void Notify()
    {
        var pointer = Interlocked.Exchange(ref handle, 0);
        if (pointer != 0)
        {
            LibFuse.fuse_notify_poll((void*)pointer);
            LibFuse.fuse_pollhandle_destroy((void*)pointer);
        }
    }

    /// <summary>Releases the handle without notifying.</summary>
    public void Dispose()
    {
        var pointer = Interlocked.Exchange(ref handle, 0);
        if (pointer != 0)
        {
            LibFuse.fuse_pollhandle_destroy((void*)pointer);
        }
    }
}
