using System;

namespace FuseGen;

/// <summary>
/// Throw from any operation to answer the kernel with an errno; the caller's system call fails with it.
/// Unlike other exceptions it is an expected outcome and is not reported as a fault.
/// </summary>
public class FuseException : Exception
{
    /// <summary>Creates an exception that answers <paramref name="errno"/>.</summary>
    public FuseException(Errno errno)
        : this(errno, null)
    {
    }

    /// <summary>Creates an exception that answers <paramref name="errno"/>, with a message for logs.</summary>
    public FuseException(Errno errno, string? message)
        : base(message ?? errno.ToString())
    {
        Errno = errno;
    }

    /// <summary>The errno returned to the kernel.</summary>
    public Errno Errno { get; }
}
