using System;

namespace FuseGen;

/// <summary>An exception an operation threw, and the errno the caller received instead.</summary>
public sealed class FuseFault
{
    /// <summary>Creates a report.</summary>
    public FuseFault(string operation, Exception exception, Errno errno)
    {
        Operation = operation;
        Exception = exception;
        Errno = errno;
    }

    /// <summary>The libfuse operation (<c>getattr</c>, <c>read</c>, ...).</summary>
    public string Operation { get; }

    /// <summary>What the filesystem threw.</summary>
    public Exception Exception { get; }

    /// <summary>What the system call returned to the caller.</summary>
    public Errno Errno { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Operation} failed with {Exception.GetType().Name}, answered {Errno}: {Exception}";
}
