using System;

namespace FuseGen.Testing;

/// <summary>A <see cref="FileSystemAssert"/> check failed; every test framework reports it as a failure with its message.</summary>
public sealed class FileSystemAssertException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FileSystemAssertException()
    {
    }

    /// <summary>Creates the exception with what differed.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public FileSystemAssertException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what differed and the error that made the check impossible.</summary>
    /// <param name="message">What was expected.</param>
    /// <param name="innerException">The error reading the file or directory.</param>
    public FileSystemAssertException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
