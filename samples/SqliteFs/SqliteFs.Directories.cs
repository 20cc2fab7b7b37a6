using System;
using System.IO;
using FuseGen;

namespace SqliteFs;

/// <summary>The namespace: directories, listings, unlink, rename, symbolic links.</summary>
public sealed partial class SqliteFs
{
    [Mkdir]
    private void Mkdir(ReadOnlySpan<byte> path, UnixFileMode mode, FuseContext caller)
    {
        lock (gate)
        {
            using var change = Begin();
            var (parent, name) = ResolveParent(path);
            InsertNode(parent, name, (uint)FileType.Directory | ((uint)mode & 0xFFF), caller);
            change.Commit();
        }
    }

    [Rmdir]
    private void Rmdir(ReadOnlySpan<byte> path)
    {
        lock (gate)
        {
            using var change = Begin();
            var (parent, id) = ResolveEntry(path);
            if (TypeOf(id) != FileType.Directory)
            {
                throw new FuseException(Errno.ENOTDIR);
            }

            if (HasChildren(id))
            {
                throw new FuseException(Errno.ENOTEMPTY);
            }

            Execute("DELETE FROM nodes WHERE id = $id", ("$id", id));
            Touch(parent, Now());
            change.Commit();
        }
    }

    [Unlink]
    private void Unlink(ReadOnlySpan<byte> path)
    {
        lock (gate)
        {
            using var change = Begin();
            var (parent, id) = ResolveEntry(path);
            if (TypeOf(id) == FileType.Directory)
            {
                throw new FuseException(Errno.EISDIR);
            }

            // Its blocks go with it (ON DELETE CASCADE).
            Execute("DELETE FROM nodes WHERE id = $id", ("$id", id));
            Touch(parent, Now());
            change.Commit();
        }
    }

    [Readdir]
    private void ReadDir(ReadOnlySpan<byte> path, ref DirectoryFiller entries)
    {
        lock (gate)
        {
            var id = Resolve(path);
            if (TypeOf(id) != FileType.Directory)
            {
                throw new FuseException(Errno.ENOTDIR);
            }

            entries.Add("."u8);
            entries.Add(".."u8);
            using var command = Command("SELECT name FROM nodes WHERE parent = $id", ("$id", id));
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                entries.Add((byte[])rows.GetValue(0));
            }
        }
    }

    /// <summary>
    /// One transaction: the target it replaces (with its blocks) goes, the source takes its name. The kernel has
    /// already refused moving a directory into itself.
    /// </summary>
    [Rename]
    private void Rename(ReadOnlySpan<byte> path, ReadOnlySpan<byte> newPath, RenameFlags flags)
    {
        if ((flags & ~RenameFlags.NoReplace) != 0)
        {
            // RENAME_EXCHANGE and RENAME_WHITEOUT are not implemented.
            throw new FuseException(Errno.EINVAL);
        }

        lock (gate)
        {
            using var change = Begin();
            var (fromParent, source) = ResolveEntry(path);
            var (toParent, toName) = ResolveParent(newPath);

            var target = Child(toParent, toName);
            if (target == source)
            {
                return;
            }

            if (target >= 0)
            {
                if (flags == RenameFlags.NoReplace)
                {
                    throw new FuseException(Errno.EEXIST);
                }

                var sourceIsDirectory = TypeOf(source) == FileType.Directory;
                var targetIsDirectory = TypeOf(target) == FileType.Directory;
                if (sourceIsDirectory && !targetIsDirectory)
                {
                    throw new FuseException(Errno.ENOTDIR);
                }

                if (!sourceIsDirectory && targetIsDirectory)
                {
                    throw new FuseException(Errno.EISDIR);
                }

                if (targetIsDirectory && HasChildren(target))
                {
                    throw new FuseException(Errno.ENOTEMPTY);
                }

                Execute("DELETE FROM nodes WHERE id = $id", ("$id", target));
            }

            var now = Now();
            Execute("UPDATE nodes SET parent = $parent, name = $name, ctime = $now WHERE id = $id", ("$id", source), ("$parent", toParent), ("$name", toName), ("$now", now));
            Touch(fromParent, now);
            Touch(toParent, now);
            change.Commit();
        }
    }

    [Symlink]
    private void Symlink(ReadOnlySpan<byte> target, ReadOnlySpan<byte> path, FuseContext caller)
    {
        var targetBytes = target.ToArray();
        lock (gate)
        {
            using var change = Begin();
            var (parent, name) = ResolveParent(path);
            InsertNode(parent, name, (uint)FileType.SymbolicLink | 0x1FF, caller, targetBytes);
            change.Commit();
        }
    }

    [Readlink]
    private ReadOnlySpan<byte> Readlink(ReadOnlySpan<byte> path)
    {
        lock (gate)
        {
            var id = Resolve(path);
            using var command = Command("SELECT target FROM nodes WHERE id = $id", ("$id", id));
            return command.ExecuteScalar() as byte[] ?? throw new FuseException(Errno.EINVAL);
        }
    }

    /// <summary>Directory changes are committed when they return; fsync of a directory makes them durable.</summary>
    [Fsyncdir]
    private void FsyncDir()
    {
        lock (gate)
        {
            CommitDurably();
        }
    }
}
