using System;
using System.IO;
using FuseGen;
using FileInfo = FuseGen.FileInfo;

namespace SqliteFs;

/// <summary>File content: create, open, read, write, truncate, fsync. Each write or truncate is one transaction.</summary>
public sealed partial class SqliteFs
{
    [Create]
    private OpenFile Create(ReadOnlySpan<byte> path, UnixFileMode mode, FuseContext caller)
    {
        lock (gate)
        {
            using var change = Begin();
            var (parent, name) = ResolveParent(path);
            var id = InsertNode(parent, name, (uint)FileType.Regular | ((uint)mode & 0xFFF), caller);
            change.Commit();
            return new OpenFile(id);
        }
    }

    [Open]
    private OpenFile Open(ReadOnlySpan<byte> path, ref FileInfo file)
    {
        lock (gate)
        {
            var id = Resolve(path);
            if ((file.Flags & OpenFlags.Truncate) != 0)
            {
                using var change = Begin();
                Resize(id, 0);
                change.Commit();
            }

            return new OpenFile(id);
        }
    }

    [Read]
    private int Read(Span<byte> buffer, long offset, OpenFile file)
    {
        lock (gate)
        {
            var size = Scalar<long>("SELECT size FROM nodes WHERE id = $id", ("$id", file.Id));
            if (offset >= size)
            {
                return 0;
            }

            var wanted = buffer[..(int)Math.Min(buffer.Length, size - offset)];

            // Holes, and the ends of blocks shorter than the file, read as zeros.
            wanted.Clear();
            using var command = Command(
                "SELECT idx, data FROM blocks WHERE node = $id AND idx BETWEEN $first AND $last",
                ("$id", file.Id), ("$first", offset / Schema.BlockSize), ("$last", (offset + wanted.Length - 1) / Schema.BlockSize));
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                var blockStart = rows.GetInt64(0) * Schema.BlockSize;
                var data = (byte[])rows.GetValue(1);
                var from = Math.Max(offset, blockStart);
                var to = Math.Min(offset + wanted.Length, blockStart + data.Length);
                if (to > from)
                {
                    data.AsSpan((int)(from - blockStart), (int)(to - from)).CopyTo(wanted[(int)(from - offset)..]);
                }
            }

            return wanted.Length;
        }
    }

    /// <summary>One transaction: the blocks the data touches, the new size and the times.</summary>
    [Write]
    private int Write(ReadOnlySpan<byte> data, long offset, OpenFile file)
    {
        if (data.Length > long.MaxValue - offset)
        {
            throw new FuseException(Errno.EFBIG);
        }

        lock (gate)
        {
            using var change = Begin();
            using var select = Command("SELECT data FROM blocks WHERE node = $id AND idx = $idx", ("$id", file.Id), ("$idx", 0L));
            using var upsert = Command("INSERT OR REPLACE INTO blocks (node, idx, data) VALUES ($id, $idx, $data)", ("$id", file.Id), ("$idx", 0L), ("$data", Array.Empty<byte>()));
            var end = offset + data.Length;
            for (var index = offset / Schema.BlockSize; index * Schema.BlockSize < end; index++)
            {
                var blockStart = index * Schema.BlockSize;
                var from = Math.Max(offset, blockStart);
                var to = Math.Min(end, blockStart + Schema.BlockSize);
                var part = data.Slice((int)(from - offset), (int)(to - from));
                byte[] block;
                if (from == blockStart && to == blockStart + Schema.BlockSize)
                {
                    block = part.ToArray();
                }
                else
                {
                    select.Parameters["$idx"].Value = index;
                    var old = select.ExecuteScalar() as byte[] ?? Array.Empty<byte>();
                    block = new byte[Math.Max(old.Length, (int)(to - blockStart))];
                    old.CopyTo(block, 0);
                    part.CopyTo(block.AsSpan((int)(from - blockStart)));
                }

                upsert.Parameters["$idx"].Value = index;
                upsert.Parameters["$data"].Value = block;
                upsert.ExecuteNonQuery();
            }

            Execute("UPDATE nodes SET size = max(size, $end), mtime = $now, ctime = $now WHERE id = $id", ("$id", file.Id), ("$end", end), ("$now", Now()));
            change.Commit();
            return data.Length;
        }
    }

    [Truncate]
    private void Truncate(ReadOnlySpan<byte> path, long length, OpenFile? file)
    {
        lock (gate)
        {
            using var change = Begin();
            var id = file?.Id ?? Resolve(path);
            if (TypeOf(id) == FileType.Directory)
            {
                throw new FuseException(Errno.EISDIR);
            }

            Resize(id, length);
            change.Commit();
        }
    }

    /// <summary>Every committed write is in the WAL; fsync makes it durable (see <see cref="CommitDurably"/>).</summary>
    [Fsync]
    private void Fsync()
    {
        lock (gate)
        {
            CommitDurably();
        }
    }

    /// <summary>Nothing to close: the handle holds only the node id.</summary>
    [Release]
    private static void Release(OpenFile file)
    {
    }

    /// <summary>Sets the size: blocks wholly past it go, the last one is cut, and growing leaves a hole.</summary>
    private void Resize(long id, long length)
    {
        var lastBlock = length / Schema.BlockSize;
        var keptInLast = (int)(length % Schema.BlockSize);
        Execute("DELETE FROM blocks WHERE node = $id AND idx >= $first", ("$id", id), ("$first", keptInLast == 0 ? lastBlock : lastBlock + 1));
        if (keptInLast != 0)
        {
            Execute(
                "UPDATE blocks SET data = substr(data, 1, $kept) WHERE node = $id AND idx = $idx AND length(data) > $kept",
                ("$id", id), ("$idx", lastBlock), ("$kept", keptInLast));
        }

        var now = Now();
        Execute("UPDATE nodes SET size = $length, mtime = $now, ctime = $now WHERE id = $id", ("$id", id), ("$length", length), ("$now", now));
    }
}
