namespace FuseGen;

/// <summary>File system statistics, the portable form of <c>struct statvfs</c> (what <c>df</c> shows).</summary>
/// <remarks>
/// Block counts are in units of <see cref="FragmentSize"/>, which defaults to <see cref="BlockSize"/>;
/// <see cref="MaxNameLength"/> defaults to 255. libfuse ignores <see cref="FileSystemId"/> and <see cref="Flags"/>.
/// </remarks>
public struct StatVfs
{
    /// <summary><c>f_bsize</c>: preferred I/O block size.</summary>
    public ulong BlockSize { get; set; }

    /// <summary><c>f_frsize</c>: the unit of the block counts; 0 means <see cref="BlockSize"/>.</summary>
    public ulong FragmentSize { get; set; }

    /// <summary><c>f_blocks</c>: size of the file system in fragments.</summary>
    public ulong Blocks { get; set; }

    /// <summary><c>f_bfree</c>: free fragments.</summary>
    public ulong BlocksFree { get; set; }

    /// <summary><c>f_bavail</c>: free fragments available to unprivileged users.</summary>
    public ulong BlocksAvailable { get; set; }

    /// <summary><c>f_files</c>: number of inodes.</summary>
    public ulong Files { get; set; }

    /// <summary><c>f_ffree</c>: free inodes.</summary>
    public ulong FilesFree { get; set; }

    /// <summary><c>f_favail</c>: free inodes available to unprivileged users.</summary>
    public ulong FilesAvailable { get; set; }

    /// <summary><c>f_fsid</c>: file system id.</summary>
    public ulong FileSystemId { get; set; }

    /// <summary><c>f_flag</c>: mount flags (ST_RDONLY, ST_NOSUID, ...).</summary>
    public ulong Flags { get; set; }

    /// <summary><c>f_namemax</c>: longest file name; 0 means 255.</summary>
    public ulong MaxNameLength { get; set; }
}
