using System;
using FuseGen.Interop;

namespace FuseGen;

/// <summary>
/// Where an async readdir or readdirplus puts directory entries: the same rules as <see cref="InodeDirectoryFiller"/>
/// (two forms, the kernel's size, lookups counted in readdirplus), over the request's own pooled buffer, which stays
/// valid until the reply is sent when the method's task completes.
/// </summary>
/// <remarks>
/// FuseGen lends the object for one request: add entries until the method's task completes, never after (it then
/// serves another listing). It is safe to add from any thread, one at a time.
/// </remarks>
public sealed class AsyncDirectoryFiller
{
    private DirectoryEntryWriter writer;
    private bool open;

    internal AsyncDirectoryFiller()
    {
    }

    /// <summary>The offset the kernel resumes at: 0 first, then the <c>nextOffset</c> of the last entry it received.</summary>
    public long Offset => writer.Offset;

    /// <summary>True in readdirplus: entries carry full attributes and count lookups.</summary>
    public bool IsPlus => writer.IsPlus;

    /// <summary>The listing's state, for the reply and a failure.</summary>
    internal ref readonly DirectoryEntryWriter Writer => ref writer;

    /// <summary>
    /// Adds an entry by inode number and type. Returns false when the reply is full.
    /// See <see cref="InodeDirectoryFiller.Add(ReadOnlySpan{byte}, ulong, FileType, long)"/>.
    /// </summary>
    /// <param name="name">Entry name, without '/' or NUL.</param>
    /// <param name="inode">Its inode number (<c>d_ino</c>); 0 when not known.</param>
    /// <param name="type">Its type (<c>d_type</c>).</param>
    /// <param name="nextOffset">0 for the simple form; otherwise the offset at which a later call resumes after this entry.</param>
    public bool Add(ReadOnlySpan<byte> name, ulong inode, FileType type, long nextOffset = 0)
    {
        EnsureOpen();
        return writer.Add(name, inode, type, nextOffset);
    }

    /// <summary>
    /// Adds an entry with its inode and attributes (counted as a lookup in readdirplus). Returns false when the reply
    /// is full. See <see cref="InodeDirectoryFiller.Add(ReadOnlySpan{byte}, in InodeEntry, long)"/>.
    /// </summary>
    public bool Add(ReadOnlySpan<byte> name, in InodeEntry entry, long nextOffset = 0)
    {
        EnsureOpen();
        return writer.Add(name, in entry, nextOffset);
    }

    internal void Open(in DirectoryEntryWriter listing)
    {
        writer = listing;
        open = true;
    }

    internal void Close()
    {
        open = false;
        writer = default;
    }

    private void EnsureOpen()
    {
        if (!open)
        {
            throw new InvalidOperationException("This listing was already answered: add entries only until the readdir's task completes.");
        }
    }
}
