namespace SqliteFs;

/// <summary>The database layout: one row per file, directory or symbolic link, and its content in fixed-size blocks.</summary>
/// <remarks>
/// <para>A node is both a directory entry and an inode (no hard links): <c>(parent, name)</c> is unique and indexed,
/// so resolving a path is one indexed lookup per component. Names are BLOBs: the kernel's bytes, whatever their
/// encoding. Times are nanoseconds since the Unix epoch.</para>
/// <para>Content is cut into <see cref="BlockSize"/> blocks keyed by <c>(node, index)</c>. A block that was never
/// written is a hole and reads as zeros; a block is never longer than the file needs, so truncation trims the last
/// one and deletes the rest. Deleting a node deletes its blocks (foreign key, ON DELETE CASCADE).</para>
/// </remarks>
internal static class Schema
{
    /// <summary>64 KiB: a kernel write (up to 128 KiB) touches at most three blocks, a 4 KiB write rewrites one.</summary>
    public const int BlockSize = 64 * 1024;

    /// <summary>The root directory's node id.</summary>
    public const long RootId = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS nodes (
            id     INTEGER PRIMARY KEY,
            parent INTEGER NOT NULL,
            name   BLOB    NOT NULL,
            mode   INTEGER NOT NULL,
            uid    INTEGER NOT NULL,
            gid    INTEGER NOT NULL,
            size   INTEGER NOT NULL DEFAULT 0,
            atime  INTEGER NOT NULL,
            mtime  INTEGER NOT NULL,
            ctime  INTEGER NOT NULL,
            target BLOB,
            UNIQUE (parent, name));
        CREATE TABLE IF NOT EXISTS blocks (
            node  INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
            idx   INTEGER NOT NULL,
            data  BLOB    NOT NULL,
            PRIMARY KEY (node, idx)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS syncs (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL);
        INSERT OR IGNORE INTO syncs VALUES (1, 0);
        INSERT OR IGNORE INTO nodes (id, parent, name, mode, uid, gid, atime, mtime, ctime)
            VALUES (1, 0, x'', $mode, $uid, $gid, $now, $now, $now);
        """;
}
