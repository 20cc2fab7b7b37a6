using System;
using System.IO;
using FuseGen;

namespace SqliteFs;

/// <summary>Attributes: stat, chmod, chown, utimens. The kernel has checked who may change them (default_permissions).</summary>
public sealed partial class SqliteFs
{
    [Getattr]
    private Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat)
    {
        lock (gate)
        {
            var id = TryResolve(path, out var error);
            if (id < 0)
            {
                return error;
            }

            using var command = Command(
                "SELECT mode, uid, gid, size, atime, mtime, ctime, (SELECT count(*) FROM nodes c WHERE c.parent = n.id AND (c.mode & 0xF000) = 0x4000) FROM nodes n WHERE id = $id",
                ("$id", id));
            using var row = command.ExecuteReader();
            row.Read();
            stat.Inode = (ulong)id;
            stat.Mode = (uint)row.GetInt64(0);
            stat.Uid = (uint)row.GetInt64(1);
            stat.Gid = (uint)row.GetInt64(2);
            stat.Size = row.GetInt64(3);
            stat.AccessTime = FromNanoseconds(row.GetInt64(4));
            stat.ModificationTime = FromNanoseconds(row.GetInt64(5));
            stat.ChangeTime = FromNanoseconds(row.GetInt64(6));
            stat.Links = stat.Type == FileType.Directory ? 2 + (ulong)row.GetInt64(7) : 1;
            return Errno.None;
        }
    }

    [Chmod]
    private void Chmod(ReadOnlySpan<byte> path, UnixFileMode mode)
    {
        lock (gate)
        {
            Execute("UPDATE nodes SET mode = (mode & 0xF000) | $mode, ctime = $now WHERE id = $id", ("$id", Resolve(path)), ("$mode", (long)mode & 0xFFF), ("$now", Now()));
        }
    }

    [Chown]
    private void Chown(ReadOnlySpan<byte> path, uint uid, uint gid)
    {
        lock (gate)
        {
            // (uint)-1 leaves that id as it is.
            Execute(
                "UPDATE nodes SET uid = CASE WHEN $uid < 0 THEN uid ELSE $uid END, gid = CASE WHEN $gid < 0 THEN gid ELSE $gid END, ctime = $now WHERE id = $id",
                ("$id", Resolve(path)), ("$uid", uid == uint.MaxValue ? -1L : uid), ("$gid", gid == uint.MaxValue ? -1L : gid), ("$now", Now()));
        }
    }

    [Utimens]
    private void Utimens(ReadOnlySpan<byte> path, TimeSpec accessTime, TimeSpec modificationTime)
    {
        lock (gate)
        {
            var now = Now();
            Execute(
                "UPDATE nodes SET atime = coalesce($atime, atime), mtime = coalesce($mtime, mtime), ctime = $now WHERE id = $id",
                ("$id", Resolve(path)), ("$atime", Stored(accessTime, now)), ("$mtime", Stored(modificationTime, now)), ("$now", now));
        }
    }

    /// <summary>The time utimensat asks for as stored, or null for UTIME_OMIT.</summary>
    private static long? Stored(TimeSpec time, long now) => time.IsOmit ? null : time.IsNow ? now : ToNanoseconds(time);
}
