using System;

namespace FuseGen;

/// <summary>libfuse3 is missing or unusable. The message says what was tried.</summary>
public sealed class FuseLibraryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FuseLibraryException(string message)
        : base(message)
    {
    }
}
