using FuseGen;

namespace BenchFs;

/// <summary>
/// One entry of the writable directory <c>/w</c>: its mode (0 when the slot is free), and for a file the size and the
/// checksum of what was written to it (<see cref="Checksum"/>), not the data.
/// </summary>
internal struct WrittenEntry
{
    public uint Mode;

    /// <summary>The inode API's BenchFs numbers each entry made in the slot, for its inode's generation (unused by the path API's).</summary>
    public uint Generation;

    public long Size;
    public ulong Sum;
    public TimeSpec AccessTime;
    public TimeSpec ModificationTime;
}
