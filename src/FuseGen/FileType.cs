namespace FuseGen;

/// <summary>The file type bits of <c>st_mode</c> (<c>S_IFMT</c>).</summary>
public enum FileType : uint
{
    /// <summary>No type set.</summary>
    None = 0,

    /// <summary>FIFO (named pipe), <c>S_IFIFO</c>.</summary>
    Fifo = 0x1000,

    /// <summary>Character device, <c>S_IFCHR</c>.</summary>
    CharacterDevice = 0x2000,

    /// <summary>Directory, <c>S_IFDIR</c>.</summary>
    Directory = 0x4000,

    /// <summary>Block device, <c>S_IFBLK</c>.</summary>
    BlockDevice = 0x6000,

    /// <summary>Regular file, <c>S_IFREG</c>.</summary>
    Regular = 0x8000,

    /// <summary>Symbolic link, <c>S_IFLNK</c>.</summary>
    SymbolicLink = 0xA000,

    /// <summary>Socket, <c>S_IFSOCK</c>.</summary>
    Socket = 0xC000,
}
