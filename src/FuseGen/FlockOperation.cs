using System;

namespace FuseGen;

/// <summary>The operation of <c>flock()</c>.</summary>
[Flags]
public enum FlockOperation
{
    /// <summary><c>LOCK_SH</c>: shared lock.</summary>
    Shared = 1,

    /// <summary><c>LOCK_EX</c>: exclusive lock.</summary>
    Exclusive = 2,

    /// <summary><c>LOCK_NB</c>: fail with EWOULDBLOCK instead of waiting.</summary>
    NonBlocking = 4,

    /// <summary><c>LOCK_UN</c>: unlock.</summary>
    Unlock = 8,
}
