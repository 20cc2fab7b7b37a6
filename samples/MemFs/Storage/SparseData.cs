using System;
using System.Collections.Generic;
using System.Numerics;
using FuseGen;

namespace MemFs.Storage;

/// <summary>
/// The contents of a regular file, stored sparsely: 64 KiB chunks in a dictionary, each tracking which of its 4 KiB
/// pages are allocated. Holes take no memory and read as zeros, so a 5 GiB file with 1 MiB of data costs 1 MiB.
/// </summary>
/// <remarks>
/// <para>Allocation is counted per 4 KiB page (like an ext4 block), so st_blocks, statfs, SEEK_DATA and SEEK_HOLE
/// see the same granularity as on a disk filesystem. A chunk's byte array only grows as far as its highest allocated
/// page, so small files cost little memory.</para>
/// <para>Invariant: every byte that is not allocated, or lies beyond <see cref="Length"/>, is zero. Not thread-safe:
/// callers hold the filesystem's lock.</para>
/// </remarks>
internal sealed class SparseData
{
    public const int PageSize = 4096;
    public const int ChunkSize = 64 * 1024;
    private const int PagesPerChunk = ChunkSize / PageSize;

    private readonly Dictionary<long, Chunk> chunks = new();
    private readonly Capacity capacity;

    public SparseData(Capacity capacity) => this.capacity = capacity;

    /// <summary>The file size.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes of allocated pages (st_blocks * 512).</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Copies up to <c>destination.Length</c> bytes from <paramref name="offset"/>; holes read as zeros.</summary>
    /// <returns>The number of bytes read: fewer than requested only at the end of the file.</returns>
    public int Read(long offset, Span<byte> destination)
    {
        if (offset >= Length)
        {
            return 0;
        }

        var count = (int)Math.Min(destination.Length, Length - offset);
        var done = 0;
        while (done < count)
        {
            var position = offset + done;
            var local = (int)(position % ChunkSize);
            var piece = Math.Min(count - done, ChunkSize - local);
            var target = destination.Slice(done, piece);
            if (chunks.TryGetValue(position / ChunkSize, out var chunk) && local < chunk.Bytes.Length)
            {
                var stored = Math.Min(piece, chunk.Bytes.Length - local);
                chunk.Bytes.AsSpan(local, stored).CopyTo(target);
                target.Slice(stored).Clear();
            }
            else
            {
                target.Clear();
            }

            done += piece;
        }

        return count;
    }

    /// <summary>Stores <paramref name="data"/> at <paramref name="offset"/>, growing the file. ENOSPC leaves the file unchanged.</summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var end = checked(offset + data.Length);
        Allocate(offset, data.Length);
        var done = 0;
        while (done < data.Length)
        {
            var position = offset + done;
            var local = (int)(position % ChunkSize);
            var piece = Math.Min(data.Length - done, ChunkSize - local);
            data.Slice(done, piece).CopyTo(chunks[position / ChunkSize].Bytes.AsSpan(local));
            done += piece;
        }

        Length = Math.Max(Length, end);
    }

    /// <summary>Allocates the pages over a range without changing the size (fallocate); new pages read as zeros.</summary>
    public void Allocate(long offset, long length)
    {
        var end = checked(offset + length);
        var first = offset / PageSize;
        var last = PagesBelow(end);

        // Count what is missing from the chunks that exist, so a request far beyond the budget fails at once. Look
        // up the chunks of the range, or go through the file's chunks when there are fewer of those (a huge
        // fallocate): a write costs its own size, not the file's.
        var missing = last - first;
        var firstKey = first / PagesPerChunk;
        var lastKey = (last - 1) / PagesPerChunk;
        if (last > first && lastKey - firstKey < chunks.Count)
        {
            for (var key = firstKey; key <= lastKey; key++)
            {
                if (chunks.TryGetValue(key, out var chunk))
                {
                    missing -= AllocatedIn(chunk, key, first, last);
                }
            }
        }
        else
        {
            foreach (var (key, chunk) in chunks)
            {
                missing -= AllocatedIn(chunk, key, first, last);
            }
        }

        capacity.Allocate(missing * PageSize);
        for (var page = first; page < last; page++)
        {
            var key = page / PagesPerChunk;
            var chunk = GetOrAddChunk(key);
            var bit = (ushort)(1 << (int)(page % PagesPerChunk));
            if ((chunk.Pages & bit) == 0)
            {
                chunk.Pages |= bit;

                // Grown at once to the range's last page in this chunk: page by page, a 1 MiB write copied each
                // 64 KiB chunk sixteen times over.
                var needed = (int)(Math.Min(last, (key + 1) * PagesPerChunk) - (key * PagesPerChunk)) * PageSize;
                if (chunk.Bytes.Length < needed)
                {
                    Array.Resize(ref chunk.Bytes, needed);
                }
            }
        }

        AllocatedBytes += missing * PageSize;
    }

    /// <summary>Changes the size. Shrinking frees the pages past the end and zeros the tail of the last one.</summary>
    public void SetLength(long length)
    {
        if (length < Length)
        {
            Zero(length, long.MaxValue - length, deallocate: true);
        }

        Length = length;
    }

    /// <summary>
    /// Zeros a range. With <paramref name="deallocate"/> (punch hole) the pages wholly inside it are freed; without,
    /// allocation is unchanged.
    /// </summary>
    public void Zero(long offset, long length, bool deallocate)
    {
        var end = length > long.MaxValue - offset ? long.MaxValue : offset + length;
        var keys = new List<long>();
        foreach (var key in chunks.Keys)
        {
            var start = key * ChunkSize;
            if (start < end && offset - start < ChunkSize)
            {
                keys.Add(key);
            }
        }

        foreach (var key in keys)
        {
            var chunk = chunks[key];
            var start = key * ChunkSize;
            var from = (int)Math.Max(0, offset - start);
            var to = (int)Math.Min(ChunkSize, end - start);
            if (from < chunk.Bytes.Length)
            {
                chunk.Bytes.AsSpan(from, Math.Min(to, chunk.Bytes.Length) - from).Clear();
            }

            if (!deallocate)
            {
                continue;
            }

            // Pages wholly inside [from, to).
            for (var page = (from + PageSize - 1) / PageSize; page < to / PageSize; page++)
            {
                var bit = (ushort)(1 << page);
                if ((chunk.Pages & bit) != 0)
                {
                    chunk.Pages &= (ushort)~bit;
                    AllocatedBytes -= PageSize;
                    capacity.Free(PageSize);
                }
            }

            if (chunk.Pages == 0)
            {
                chunks.Remove(key);
            }
            else
            {
                var highest = 32 - BitOperations.LeadingZeroCount((uint)chunk.Pages);
                if (chunk.Bytes.Length > highest * PageSize)
                {
                    Array.Resize(ref chunk.Bytes, highest * PageSize);
                }
            }
        }
    }

    /// <summary>SEEK_DATA: the first offset at or after <paramref name="offset"/> in an allocated page; ENXIO if none before the end.</summary>
    public long SeekData(long offset)
    {
        if (offset < 0 || offset >= Length)
        {
            throw new FuseException(Errno.ENXIO);
        }

        var best = long.MaxValue;
        foreach (var (key, chunk) in chunks)
        {
            for (var page = 0; page < PagesPerChunk; page++)
            {
                if ((chunk.Pages & (1 << page)) == 0)
                {
                    continue;
                }

                var start = (key * ChunkSize) + ((long)page * PageSize);
                if (offset - start < PageSize)
                {
                    best = Math.Min(best, Math.Max(start, offset));
                    break;
                }
            }
        }

        return best < Length ? best : throw new FuseException(Errno.ENXIO);
    }

    /// <summary>SEEK_HOLE: the first offset at or after <paramref name="offset"/> outside allocated pages, or the end of the file.</summary>
    public long SeekHole(long offset)
    {
        if (offset < 0 || offset >= Length)
        {
            throw new FuseException(Errno.ENXIO);
        }

        var position = offset;
        while (position < Length && IsAllocated(position / PageSize))
        {
            var next = (position / PageSize) + 1;
            position = next > long.MaxValue / PageSize ? long.MaxValue : next * PageSize;
        }

        return Math.Min(position, Length);
    }

    /// <summary>Whether a range holds no allocated page at all (copy_file_range keeps such ranges sparse).</summary>
    public bool IsHole(long offset, long length)
    {
        var last = PagesBelow(offset + length);
        for (var page = offset / PageSize; page < last; page++)
        {
            if (IsAllocated(page))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The number of pages holding bytes below <paramref name="end"/>: rounded up, without overflowing near long.MaxValue.</summary>
    private static long PagesBelow(long end) => (end / PageSize) + (end % PageSize == 0 ? 0 : 1);

    /// <summary>Frees everything (the file's last link and last open handle are gone).</summary>
    public void Clear()
    {
        capacity.Free(AllocatedBytes);
        AllocatedBytes = 0;
        chunks.Clear();
        Length = 0;
    }

    /// <summary>Pages of the chunk at <paramref name="key"/> that are allocated in [first, last).</summary>
    private static int AllocatedIn(Chunk chunk, long key, long first, long last)
    {
        var from = Math.Max(first, key * PagesPerChunk) - (key * PagesPerChunk);
        var to = Math.Min(last, (key + 1) * PagesPerChunk) - (key * PagesPerChunk);
        if (from >= to)
        {
            return 0;
        }

        var mask = (uint)(((1 << (int)to) - 1) & ~((1 << (int)from) - 1));
        return BitOperations.PopCount(chunk.Pages & mask);
    }

    private bool IsAllocated(long page) =>
        chunks.TryGetValue(page / PagesPerChunk, out var chunk) && (chunk.Pages & (1 << (int)(page % PagesPerChunk))) != 0;

    private Chunk GetOrAddChunk(long key)
    {
        if (!chunks.TryGetValue(key, out var chunk))
        {
            chunk = new Chunk();
            chunks.Add(key, chunk);
        }

        return chunk;
    }

    private sealed class Chunk
    {
        /// <summary>The chunk's bytes up to its highest allocated page (a multiple of the page size).</summary>
        public byte[] Bytes = Array.Empty<byte>();

        /// <summary>Bit i set: page i is allocated.</summary>
        public ushort Pages;
    }
}
