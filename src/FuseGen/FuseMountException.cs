using System;

namespace FuseGen;

/// <summary>A mount could not be made (bad mount point, rejected options, no /dev/fuse, ...). The message is one line.</summary>
public sealed class FuseMountException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FuseMountException(string message)
        : base(message)
    {
    }
}
