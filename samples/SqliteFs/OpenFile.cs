namespace SqliteFs;

/// <summary>
/// An open file: its node id, so reads and writes reach the same row whatever happens to its path (a rename, or
/// libfuse's .fuse_hidden name for a file unlinked while open).
/// </summary>
internal sealed record OpenFile(long Id);
