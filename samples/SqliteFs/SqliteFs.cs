using System;
using System.Runtime.InteropServices;
using System.Threading;
using FuseGen;
using Microsoft.Data.Sqlite;

namespace SqliteFs;

/// <summary>
/// A read-write filesystem kept in one SQLite database (<see cref="Schema"/>): files, directories and symbolic links
/// are rows, file content is blocks, and the filesystem is still there after an unmount, a remount or a
/// <c>kill -9</c>. Usage: <c>SqliteFs DBFILE MOUNTPOINT [-f] [-d] [-s] [-o opts]</c>.
/// </summary>
/// <remarks>
/// <para>Each operation is one transaction: a write (its blocks, size and times), a rename (replacing the target
/// included), a truncate happen completely or not at all, so the database is consistent after any crash.</para>
/// <para>Durability. The database runs in WAL mode with <c>synchronous=NORMAL</c>: a committed operation is in the
/// WAL file, so it survives the death of this process (<c>kill -9</c>), but not yet a power loss. fsync() and
/// fsyncdir() commit with <c>synchronous=FULL</c>, which makes SQLite fsync the WAL: every operation committed before
/// the fsync returned is then on stable storage. That is the POSIX contract (data is durable once fsync returns)
/// without paying an fsync on every write.</para>
/// <para>One connection, behind one lock: operations run one at a time (SQLite has one writer anyway). Every
/// operation allocates (SQLite commands, parameters, BLOBs): this sample shows a database-backed filesystem, not an
/// allocation-free one. Permissions are checked by the kernel (<c>default_permissions</c>).</para>
/// </remarks>
[FuseFileSystem]
public sealed partial class SqliteFs : IDisposable
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const int MaxNameLength = 255;

    private readonly Lock gate = new();
    private readonly SqliteConnection? connection;
    private SqliteTransaction? transaction;

    /// <summary>A filesystem with no database, for <c>--help</c> and <c>--version</c> only.</summary>
    internal SqliteFs()
    {
    }

    private SqliteFs(SqliteConnection connection) => this.connection = connection;

    /// <summary>
    /// Opens (or creates) the database at <paramref name="path"/>: WAL mode, the schema, an empty root owned by the
    /// user running the filesystem, and no leftovers of files that were unlinked while open when the last run died.
    /// </summary>
    /// <exception cref="SqliteException">The file cannot be opened or is not a database.</exception>
    public static SqliteFs Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,
        }.ToString());
        try
        {
            connection.Open();
            var fileSystem = new SqliteFs(connection);
            fileSystem.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            using (var change = fileSystem.Begin())
            {
                fileSystem.Execute(Schema.Create, ("$mode", (long)FileType.Directory | 0x1ED), ("$uid", (long)geteuid()), ("$gid", (long)getegid()), ("$now", Now()));

                // libfuse renames a file unlinked while open to .fuse_hidden* and unlinks that at the last close; a
                // process that died in between left the name behind.
                fileSystem.Execute("DELETE FROM nodes WHERE substr(name, 1, 12) = CAST('.fuse_hidden' AS BLOB)");
                change.Commit();
            }

            return fileSystem;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The options SqliteFs mounts with unless the command line says otherwise: the kernel checks permissions, inode
    /// numbers are node ids, and the database's path is the mount's source in /proc/mounts.
    /// </summary>
    public static MountOptions DefaultOptions(string database) => new()
    {
        DefaultPermissions = true,
        UseIno = true,
        FileSystemName = database,
        Subtype = "sqlitefs",
    };

    /// <summary>Checkpoints the WAL into the database file and closes it.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (connection is { State: System.Data.ConnectionState.Open })
            {
                Execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }

            connection?.Dispose();
        }
    }

    /// <summary>
    /// Keeps libfuse's hiding of files unlinked while open (hard_remove off), so they stay readable through their
    /// handle until the last close.
    /// </summary>
    [Init]
    private static void Init(FuseConfig config) => config.HardRemove = false;

    [Statfs]
    private void StatFs(ref StatVfs stat)
    {
        lock (gate)
        {
            var files = (ulong)Scalar<long>("SELECT count(*) FROM nodes");
            stat.BlockSize = Schema.BlockSize;
            stat.Blocks = (ulong)Scalar<long>("SELECT count(*) FROM blocks") + (1UL << 20);
            stat.BlocksFree = 1UL << 20;
            stat.BlocksAvailable = stat.BlocksFree;
            stat.Files = files + (1UL << 20);
            stat.FilesFree = 1UL << 20;
            stat.FilesAvailable = stat.FilesFree;
            stat.MaxNameLength = MaxNameLength;
        }
    }

    /// <summary>The current time as stored: nanoseconds since the Unix epoch.</summary>
    private static long Now() => ToNanoseconds(TimeSpec.UtcNow);

    private static long ToNanoseconds(TimeSpec time) => (time.Seconds * NanosecondsPerSecond) + time.Nanoseconds;

    private static TimeSpec FromNanoseconds(long nanoseconds) => new(nanoseconds / NanosecondsPerSecond, nanoseconds % NanosecondsPerSecond);

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern uint getegid();
}
