using System.Runtime.InteropServices;
using FuseGen;

namespace MirrorFs.Interop;

/// <summary>
/// The libc system calls MirrorFs forwards to, bound with <c>LibraryImport</c> over raw pointers: no marshalling,
/// trim- and AOT-safe. Every binding sets the last P/Invoke error, so a failure's errno reaches the kernel unchanged
/// (<see cref="LastErrno"/>); nothing is mapped through .NET exceptions.
/// </summary>
/// <remarks>
/// Named <c>libc.so.6</c>: plain <c>libc</c> resolves to the linker script <c>libc.so</c> under some loaders.
/// Functions that C declares variadic (openat, fcntl) are bound with the arguments Linux reads; on x86_64 and arm64
/// Linux integer and pointer arguments are passed the same way either way.
/// </remarks>
internal static partial class LibC
{
    internal const string Library = "libc.so.6";

    /// <summary>The errno of the last failed call on this thread.</summary>
    public static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();

    /// <summary><see cref="Errno.None"/> when a call returning 0/-1 succeeded, otherwise its errno.</summary>
    public static Errno Check(int result) => result == -1 ? LastErrno : Errno.None;

    /// <summary>
    /// What a binding without <c>SetLastError</c> returns, with errno kept as the last P/Invoke error when the call
    /// failed (-1). For the calls of every buffered read and every lookup (fstat, fstatat): <c>SetLastError</c> clears
    /// errno before the call and stores it in a thread-static after it, success or not, and that store after a context
    /// switch was a cache miss on the thread's statics in each GETATTR (perf, 4 KiB buffered random reads). Called on
    /// the native call's result directly, as the generated code reads errno, so nothing runs in between.
    /// </summary>
    private static int KeepErrno(int result)
    {
        if (result == -1)
        {
            Marshal.SetLastPInvokeError(Marshal.GetLastSystemError());
        }

        return result;
    }

    /// <summary>The count a call returning a size or -1 produced, or -errno.</summary>
    public static int Count(nint result) => result < 0 ? -(int)LastErrno : checked((int)result);
}
