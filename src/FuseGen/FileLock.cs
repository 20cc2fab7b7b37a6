namespace FuseGen;

/// <summary>A POSIX record lock (<c>struct flock</c>).</summary>
public struct FileLock
{
    /// <summary><c>l_type</c>: read, write or unlock.</summary>
    public LockType Type { get; set; }

    /// <summary><c>l_whence</c>: what <see cref="Start"/> is relative to (libfuse passes SEEK_SET).</summary>
    public Whence Whence { get; set; }

    /// <summary><c>l_start</c>: first byte.</summary>
    public long Start { get; set; }

    /// <summary><c>l_len</c>: number of bytes; 0 means to the end of the file.</summary>
    public long Length { get; set; }

    /// <summary><c>l_pid</c>: process holding a conflicting lock (F_GETLK).</summary>
    public int ProcessId { get; set; }
}

/// <summary>The <c>l_type</c> of a POSIX lock.</summary>
public enum LockType : short
{
    /// <summary><c>F_RDLCK</c>: shared.</summary>
    Read = 0,

    /// <summary><c>F_WRLCK</c>: exclusive.</summary>
    Write = 1,

    /// <summary><c>F_UNLCK</c>: none.</summary>
    Unlock = 2,
}
