namespace FuseGen.PosixTests.Infrastructure;

/// <summary>What statx reports about a file; times in nanoseconds since the epoch.</summary>
public sealed record FileStat(
    ulong Inode,
    uint Mode,
    uint Links,
    uint Uid,
    uint Gid,
    long Size,
    long Blocks,
    long AccessTime,
    long ModificationTime,
    long ChangeTime,
    uint DeviceMajor,
    uint DeviceMinor)
{
    /// <summary>The S_IFMT bits.</summary>
    public uint Type => Mode & 0xF000u;

    /// <summary>The permission bits, setuid/setgid/sticky included.</summary>
    public uint Permissions => Mode & 0xFFFu;

    /// <summary>Allocated bytes (st_blocks * 512), what du shows.</summary>
    public long AllocatedBytes => Blocks * 512;
}
