using System.ComponentModel;
using System.Runtime.CompilerServices;
using FuseGen.Interop;

namespace FuseGen.Marshalling;

/// <summary>
/// Keeps the values generated code returns within what the kernel accepts: an error reply outside -511..-1 is
/// rejected by the kernel, so the caller would wait forever. Such values become EIO. Used by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NativeResult
{
    private const int MaxErrno = 511;

    /// <summary>An <see cref="Errno"/> returned by a method: <c>None</c> is 0, a valid errno its negation, anything else -EIO.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FromErrno(Errno errno) =>
        errno == Errno.None ? 0 : (uint)errno - 1 < MaxErrno ? -(int)errno : -(int)Errno.EIO;

    /// <summary>An <c>int</c> result: non-negative values pass (byte counts, ioctl results), -errno must be a valid errno.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Check(int result) => result >= -MaxErrno ? result : -(int)Errno.EIO;

    /// <summary>A <c>long</c> result (offsets, copied byte counts), like <see cref="Check(int)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Check(long result) => result >= -MaxErrno ? result : -(long)Errno.EIO;
}
