using FuseGen;

namespace MemFs.Storage;

/// <summary>
/// The filesystem's budget: bytes of file data actually allocated and inodes in use, as statfs (df) reports them.
/// Allocation beyond the budget fails with ENOSPC. Not thread-safe: callers hold the filesystem's lock.
/// </summary>
internal sealed class Capacity
{
    public Capacity(long totalBytes, long totalInodes)
    {
        TotalBytes = totalBytes;
        TotalInodes = totalInodes;
    }

    public long TotalBytes { get; }

    public long UsedBytes { get; private set; }

    public long FreeBytes => TotalBytes - UsedBytes;

    public long TotalInodes { get; }

    public long UsedInodes { get; private set; }

    public long FreeInodes => TotalInodes - UsedInodes;

    /// <summary>Takes <paramref name="bytes"/> from the budget, or fails with ENOSPC leaving it unchanged.</summary>
    public void Allocate(long bytes)
    {
        if (bytes > FreeBytes)
        {
            throw new FuseException(Errno.ENOSPC);
        }

        UsedBytes += bytes;
    }

    public void Free(long bytes) => UsedBytes -= bytes;

    /// <summary>Takes one inode, or fails with ENOSPC.</summary>
    public void AllocateInode()
    {
        if (FreeInodes <= 0)
        {
            throw new FuseException(Errno.ENOSPC);
        }

        UsedInodes++;
    }

    public void FreeInode() => UsedInodes--;
}
