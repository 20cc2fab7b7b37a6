using System;
using FuseGen;
using Microsoft.Data.Sqlite;

namespace SqliteFs;

/// <summary>Running SQL on the one connection: commands, transactions, and the durable commit behind fsync.</summary>
public sealed partial class SqliteFs
{
    /// <summary>
    /// Starts the transaction every command runs in until it is committed; disposing it uncommitted (an operation
    /// that throws) rolls it back.
    /// </summary>
    private SqliteTransaction Begin() => transaction = Connection.BeginTransaction();

    /// <summary>
    /// Makes every committed change durable: a commit with synchronous=FULL fsyncs the WAL, which holds every frame
    /// committed before it. The commit needs a change to write, hence the counter in the syncs table.
    /// </summary>
    private void CommitDurably()
    {
        Execute("PRAGMA synchronous = FULL");
        try
        {
            using var change = Begin();
            Execute("UPDATE syncs SET count = count + 1");
            change.Commit();
        }
        finally
        {
            Execute("PRAGMA synchronous = NORMAL");
        }
    }

    private SqliteConnection Connection =>
        connection ?? throw new InvalidOperationException("this SqliteFs has no database (it only prints help)");

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        // A committed or rolled-back transaction has no connection any more.
        command.Transaction = transaction?.Connection is null ? null : transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return (T)command.ExecuteScalar()!;
    }

    /// <summary>The node id at <paramref name="path"/>; ENOENT when a component is missing, ENOTDIR when one is not a directory.</summary>
    private long Resolve(ReadOnlySpan<byte> path)
    {
        var id = TryResolve(path, out var error);
        return id >= 0 ? id : throw new FuseException(error);
    }

    private long TryResolve(ReadOnlySpan<byte> path, out Errno error)
    {
        using var lookup = Command("SELECT id, mode FROM nodes WHERE parent = $parent AND name = $name", ("$parent", 0L), ("$name", Array.Empty<byte>()));
        var id = Schema.RootId;
        var isDirectory = true;
        foreach (var range in path.Split((byte)'/'))
        {
            var name = path[range];
            if (name.IsEmpty)
            {
                continue;
            }

            if (!isDirectory)
            {
                error = Errno.ENOTDIR;
                return -1;
            }

            lookup.Parameters["$parent"].Value = id;
            lookup.Parameters["$name"].Value = name.ToArray();
            using var row = lookup.ExecuteReader();
            if (!row.Read())
            {
                error = Errno.ENOENT;
                return -1;
            }

            id = row.GetInt64(0);
            isDirectory = ((FileType)((uint)row.GetInt64(1) & 0xF000)) == FileType.Directory;
        }

        error = Errno.None;
        return id;
    }

    /// <summary>The directory holding <paramref name="path"/>'s last component, and that component.</summary>
    private (long Parent, byte[] Name) ResolveParent(ReadOnlySpan<byte> path)
    {
        var trimmed = path.TrimEnd((byte)'/');
        var slash = trimmed.LastIndexOf((byte)'/');
        var name = trimmed[(slash + 1)..];
        if (name.Length > MaxNameLength)
        {
            throw new FuseException(Errno.ENAMETOOLONG);
        }

        var parent = Resolve(trimmed[..Math.Max(slash, 0)]);
        if (TypeOf(parent) != FileType.Directory)
        {
            throw new FuseException(Errno.ENOTDIR);
        }

        return (parent, name.ToArray());
    }

    /// <summary>The node at <paramref name="path"/> and the directory holding it; ENOENT when there is none.</summary>
    private (long Parent, long Id) ResolveEntry(ReadOnlySpan<byte> path)
    {
        var (parent, name) = ResolveParent(path);
        var id = Child(parent, name);
        return id >= 0 ? (parent, id) : throw new FuseException(Errno.ENOENT);
    }

    /// <summary>The child <paramref name="name"/> of <paramref name="parent"/>, or -1.</summary>
    private long Child(long parent, byte[] name)
    {
        using var command = Command("SELECT id FROM nodes WHERE parent = $parent AND name = $name", ("$parent", parent), ("$name", name));
        return command.ExecuteScalar() is long id ? id : -1;
    }

    private FileType TypeOf(long id) => (FileType)((uint)Scalar<long>("SELECT mode FROM nodes WHERE id = $id", ("$id", id)) & 0xF000);

    private bool HasChildren(long id) => Scalar<long>("SELECT EXISTS (SELECT 1 FROM nodes WHERE parent = $id)", ("$id", id)) != 0;

    /// <summary>Inserts a node in <paramref name="parent"/> owned by the caller; EEXIST when the name is taken.</summary>
    private long InsertNode(long parent, byte[] name, uint mode, FuseContext caller, byte[]? target = null)
    {
        if (Child(parent, name) >= 0)
        {
            throw new FuseException(Errno.EEXIST);
        }

        var now = Now();
        Touch(parent, now);
        return Scalar<long>(
            "INSERT INTO nodes (parent, name, mode, uid, gid, size, atime, mtime, ctime, target) VALUES ($parent, $name, $mode, $uid, $gid, $size, $now, $now, $now, $target) RETURNING id",
            ("$parent", parent), ("$name", name), ("$mode", (long)mode), ("$uid", (long)caller.Uid), ("$gid", (long)caller.Gid),
            ("$size", (long)(target?.Length ?? 0)), ("$now", now), ("$target", target));
    }

    /// <summary>A directory's entries changed: its mtime and ctime move.</summary>
    private void Touch(long directory, long now) =>
        Execute("UPDATE nodes SET mtime = $now, ctime = $now WHERE id = $id", ("$id", directory), ("$now", now));
}
