namespace FuseGen;

/// <summary>The command of a POSIX record lock request (<c>fcntl</c>, 64-bit Linux values).</summary>
public enum LockCommand
{
    /// <summary><c>F_GETLK</c>: report a conflicting lock in the <see cref="FileLock"/>, or set its type to Unlock.</summary>
    Get = 5,

    /// <summary><c>F_SETLK</c>: acquire or release; fail with EAGAIN on conflict.</summary>
    Set = 6,

    /// <summary><c>F_SETLKW</c>: acquire, waiting on conflict.</summary>
    SetWait = 7,
}
