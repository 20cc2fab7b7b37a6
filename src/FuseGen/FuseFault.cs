using System;
using System.Text;

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

    /// <summary>The path the request named (the source of rename and link, the new link of symlink); null when it names none.</summary>
    public string? Path { get; init; }

    /// <summary>The inode the request named (inode API); null for the path API, which names files by <see cref="Path"/>.</summary>
    public ulong? Inode { get; init; }

    /// <summary>Thread id of the calling process; 0 for requests the kernel makes on its own (write-back) or outside a request.</summary>
    public int ProcessId { get; init; }

    /// <summary>Effective user id of the calling process.</summary>
    public uint UserId { get; init; }

    /// <summary>Effective group id of the calling process.</summary>
    public uint GroupId { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(Operation);
        if (Path is not null)
        {
            text.Append(" '").Append(Path).Append('\'');
        }

        if (Inode is { } inode)
        {
            text.Append(" inode ").Append(inode);
        }

        text.Append(" (pid ").Append(ProcessId).Append(", uid ").Append(UserId).Append(')');
        return text.Append(" failed with ").Append(Exception.GetType().Name).Append(", answered ").Append(Errno).Append(": ").Append(Exception).ToString();
    }
}
