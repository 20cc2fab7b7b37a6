using System;
using System.ComponentModel;
using System.IO;

namespace FuseGen;

/// <summary>The errno an exception thrown by an operation becomes. One table, documented, independent of order.</summary>
public static class ErrnoMapper
{
    /// <summary>
    /// <see cref="FuseException"/>: its errno. <see cref="FileNotFoundException"/>/<see cref="DirectoryNotFoundException"/>:
    /// ENOENT. <see cref="UnauthorizedAccessException"/>: the errno it wraps (EPERM, EBADF) or EACCES.
    /// <see cref="PathTooLongException"/>: ENAMETOOLONG. <see cref="IOException"/> with an errno HResult (as .NET
    /// throws on Linux): that errno. <see cref="Win32Exception"/>: its native error. <see cref="NotSupportedException"/>:
    /// ENOTSUP. <see cref="NotImplementedException"/>: ENOSYS. <see cref="ArgumentException"/>: EINVAL.
    /// <see cref="OutOfMemoryException"/>: ENOMEM. <see cref="OperationCanceledException"/>: EINTR.
    /// <see cref="TimeoutException"/>: ETIMEDOUT. An <see cref="AggregateException"/> with one inner exception: that
    /// one's errno. Anything else: EIO.
    /// </summary>
    public static Errno FromException(Exception exception) => exception switch
    {
        FuseException fuse => fuse.Errno,
        FileNotFoundException or DirectoryNotFoundException => Errno.ENOENT,
        UnauthorizedAccessException { InnerException: IOException inner } when IsErrno(inner.HResult) => (Errno)inner.HResult,
        UnauthorizedAccessException => Errno.EACCES,
        PathTooLongException => Errno.ENAMETOOLONG,
        IOException io when IsErrno(io.HResult) => (Errno)io.HResult,
        Win32Exception win32 when IsErrno(win32.NativeErrorCode) => (Errno)win32.NativeErrorCode,
        NotImplementedException => Errno.ENOSYS,
        NotSupportedException => Errno.ENOTSUP,
        ArgumentException => Errno.EINVAL,
        OutOfMemoryException or InsufficientExecutionStackException => Errno.ENOMEM,
        OperationCanceledException => Errno.EINTR,
        TimeoutException => Errno.ETIMEDOUT,
        AggregateException { InnerExceptions.Count: 1 } aggregate => FromException(aggregate.InnerExceptions[0]),
        _ => Errno.EIO,
    };

    private static bool IsErrno(int value) => value is > 0 and < 4096;
}
