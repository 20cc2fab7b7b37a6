using System;

namespace FuseGen;

/// <summary>The mask of <c>access()</c>: which permissions the caller asks about.</summary>
[Flags]
public enum AccessMode
{
    /// <summary><c>F_OK</c>: only whether the file exists.</summary>
    Exists = 0,

    /// <summary><c>X_OK</c>: execute or search.</summary>
    Execute = 1,

    /// <summary><c>W_OK</c>: write.</summary>
    Write = 2,

    /// <summary><c>R_OK</c>: read.</summary>
    Read = 4,
}
