using System;
using FuseGen.Interop;

namespace FuseGen;

/// <summary>
/// Where an inode filesystem's readdir and readdirplus put directory entries: a reply buffer of the size the kernel
/// asked for, filled with <c>struct fuse_dirent</c> records (as <c>fuse_add_direntry</c> writes them) or by <c>fuse_add_direntry_plus</c>.
/// </summary>
/// <remarks>
/// <para>Two forms, never mixed in one listing. Simple: add every entry with <c>nextOffset</c> 0, from the start,
/// every time; FuseGen numbers them, skips the ones before <see cref="Offset"/> and stops at the kernel's size.
/// Stateful: resume after <see cref="Offset"/> yourself, give each entry the (non-zero) offset of the entry after it,
/// and stop when <c>Add</c> returns false.</para>
/// <para>In readdirplus (<see cref="IsPlus"/>) each entry other than "." and ".." counts one lookup of its inode, as
/// a lookup reply does; entries that do not fit are not counted.</para>
/// <para>An async readdir takes an <see cref="AsyncDirectoryFiller"/> instead, with the same rules.</para>
/// </remarks>
public unsafe ref struct InodeDirectoryFiller
{
    private DirectoryEntryWriter writer;

    internal InodeDirectoryFiller(void* request, byte* buffer, nuint size, long offset, bool plus, InodeTable? table, long began, double entryTimeout, double attributeTimeout) =>
        writer = new DirectoryEntryWriter(request, buffer, size, offset, plus, table, began, entryTimeout, attributeTimeout);

    /// <summary>The offset the kernel resumes at: 0 first, then the <c>nextOffset</c> of the last entry it received.</summary>
    public readonly long Offset => writer.Offset;

    /// <summary>True in readdirplus: entries carry full attributes and count lookups.</summary>
    public readonly bool IsPlus => writer.IsPlus;

    /// <summary>The listing's state, for the reply and a failure.</summary>
    internal readonly DirectoryEntryWriter Writer => writer;

    /// <summary>
    /// Adds an entry by inode number and type (all that readdir reports; in readdirplus the kernel then looks it up
    /// itself). Returns false when the reply is full.
    /// </summary>
    /// <param name="name">Entry name, without '/' or NUL.</param>
    /// <param name="inode">Its inode number (<c>d_ino</c>); 0 when not known (reported as libfuse's unknown inode, 0xffffffff).</param>
    /// <param name="type">Its type (<c>d_type</c>).</param>
    /// <param name="nextOffset">0 for the simple form; otherwise the offset at which a later call resumes after this entry.</param>
    public bool Add(scoped ReadOnlySpan<byte> name, ulong inode, FileType type, long nextOffset = 0) => writer.Add(name, inode, type, nextOffset);

    /// <summary>
    /// Adds an entry with its inode and attributes. In readdirplus the kernel caches them as from a lookup, and counts
    /// a lookup of the inode (except for "." and ".."); in readdir only the inode number and type are used.
    /// Returns false when the reply is full.
    /// </summary>
    public bool Add(scoped ReadOnlySpan<byte> name, in InodeEntry entry, long nextOffset = 0) => writer.Add(name, in entry, nextOffset);
}
