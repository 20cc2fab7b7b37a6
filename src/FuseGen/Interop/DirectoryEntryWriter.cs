using System;
using System.Runtime.CompilerServices;
using FuseGen.Marshalling;

namespace FuseGen.Interop;

/// <summary>
/// The state and rules of one directory listing reply (both forms, the kernel's size, readdirplus lookup counts)
/// over a buffer that outlives the call: what <see cref="InodeDirectoryFiller"/> (synchronous methods, the thread's
/// buffer) and <see cref="AsyncDirectoryFiller"/> (async methods, the request's pooled buffer) add entries through.
/// </summary>
/// <remarks>The buffer holds <c>size</c> bytes of reply and <see cref="ReplyBuffer.ScratchSize"/> after them.</remarks>
internal unsafe struct DirectoryEntryWriter
{
    private const int MaxNameLength = 1024;

    // offsetof(struct fuse_dirent, name): u64 ino, u64 off, u32 namelen, u32 type (linux/fuse.h, the kernel's ABI).
    private const int DirentNameOffset = 24;

    /// <summary>
    /// The <c>d_ino</c> of an entry whose inode number is not known (0): libfuse's <c>FUSE_UNKNOWN_INO</c>, as the
    /// path API reports. 0 itself would hide the entry: readdir(3) skips entries with <c>d_ino</c> 0.
    /// </summary>
    internal const ulong UnknownInode = 0xffffffff;

    private readonly void* request;
    private readonly byte* buffer;
    private readonly nuint size;
    private readonly InodeTable? table;
    private readonly long began;
    private readonly double entryTimeout;
    private readonly double attributeTimeout;
    private nuint used;
    private long position;
    private bool full;
    private bool simpleForm;
    private bool statefulForm;

    internal DirectoryEntryWriter(void* request, byte* buffer, nuint size, long offset, bool plus, InodeTable? table, long began, double entryTimeout, double attributeTimeout)
    {
        this.began = began;
        this.request = request;
        this.buffer = buffer;
        this.size = size;
        this.table = table;
        this.entryTimeout = entryTimeout;
        this.attributeTimeout = attributeTimeout;
        Offset = offset;
        IsPlus = plus;
    }

    /// <summary>The offset the kernel resumes at: 0 first, then the <c>nextOffset</c> of the last entry it received.</summary>
    public readonly long Offset { get; }

    /// <summary>True in readdirplus: entries carry full attributes and count lookups.</summary>
    public readonly bool IsPlus { get; }

    /// <summary>Bytes of the reply so far.</summary>
    internal readonly nuint Used => used;

    /// <summary>The reply's bytes.</summary>
    internal readonly byte* Buffer => buffer;

    /// <summary>The table whose lookups this listing counted.</summary>
    internal readonly InodeTable? Table => table;

    /// <summary>
    /// Adds an entry by inode number and type (all that readdir reports; in readdirplus the kernel then looks it up
    /// itself). Returns false when the reply is full.
    /// </summary>
    /// <param name="name">Entry name, without '/' or NUL.</param>
    /// <param name="inode">Its inode number (<c>d_ino</c>); 0 when not known (reported as libfuse's unknown inode, 0xffffffff).</param>
    /// <param name="type">Its type (<c>d_type</c>).</param>
    /// <param name="nextOffset">0 for the simple form; otherwise the offset at which a later call resumes after this entry.</param>
    public bool Add(ReadOnlySpan<byte> name, ulong inode, FileType type, long nextOffset = 0)
    {
        if (IsPlus)
        {
            return AddPlusWithoutAttributes(name, inode, type, nextOffset);
        }

        if (!Position(ref nextOffset))
        {
            return !full;
        }

        return Append(WriteDirent(buffer + used, size - used, name, Check(name), inode == 0 ? UnknownInode : inode, (uint)type, nextOffset));
    }

    /// <summary>
    /// <see cref="Add(ReadOnlySpan{byte}, ulong, FileType, long)"/> in readdirplus. A readdirplus reply holds only
    /// <c>fuse_direntplus</c> records: this one names no node (node id 0), which the kernel takes as "look it up when
    /// needed", and carries just the number and type.
    /// </summary>
    /// <remarks>
    /// Out of line: its entry (a <see cref="Stat"/> and a node reference) is a few hundred bytes of stack that the
    /// method holding it clears on every call, which had made the plain readdir entry cost several times its work.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AddPlusWithoutAttributes(ReadOnlySpan<byte> name, ulong inode, FileType type, long nextOffset)
    {
        var attributes = new Stat { Inode = inode, Mode = (uint)type };
        return Add(name, new InodeEntry(0, in attributes), nextOffset);
    }

    /// <summary>
    /// What <c>fuse_add_direntry</c> does, in place: the kernel's <c>struct fuse_dirent</c> (ino, off, namelen, type,
    /// name padded with zeros to 8 bytes), written only when it fits; returns its padded size either way. Done here
    /// because libfuse's needs the name NUL-terminated (a copy) and a <c>struct stat</c> for two fields, and the call
    /// and the copy were most of FuseGen's cost per listed entry.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static nuint WriteDirent(byte* destination, nuint room, ReadOnlySpan<byte> name, int nameLength, ulong inode, uint mode, long nextOffset)
    {
        var length = (nuint)(DirentNameOffset + nameLength);
        var padded = (length + 7) & ~(nuint)7;
        if (padded > room)
        {
            return padded;
        }

        // The padding is the end of the record's last 8 bytes: zero them with one store, then write the header and
        // the name over their start, rather than clearing 0 to 7 bytes through a call per entry.
        *(ulong*)(destination + padded - 8) = 0;
        *(ulong*)destination = inode;
        *(long*)(destination + 8) = nextOffset;
        *(uint*)(destination + 16) = (uint)nameLength;
        *(uint*)(destination + 20) = (mode & 0xF000) >> 12;
        name.CopyTo(new Span<byte>(destination + DirentNameOffset, nameLength));
        return padded;
    }

    /// <summary>
    /// Adds an entry with its inode and attributes. In readdirplus the kernel caches them as from a lookup, and counts
    /// a lookup of the inode (except for "." and ".."); in readdir only the inode number and type are used.
    /// Returns false when the reply is full.
    /// </summary>
    public bool Add(ReadOnlySpan<byte> name, in InodeEntry entry, long nextOffset = 0)
    {
        if (!IsPlus)
        {
            var inode = entry.Node is { } node && table is not null ? table.InodeOf(node) : entry.Inode;
            return Add(name, inode, entry.Attributes.Type, nextOffset);
        }

        if (!Position(ref nextOffset))
        {
            return !full;
        }

        var terminated = stackalloc byte[Check(name) + 1];
        DirectoryFiller.CopyTerminated(name, terminated);
        var counted = false;
        ulong number;
        ulong generation = entry.Generation;
        if (IsDot(name))
        {
            // The kernel takes no reference for "." and "..": number them without counting.
            number = entry.Node is { } node && table is not null ? table.InodeOf(node) : entry.Inode;
        }
        else if (entry.Node is { } node)
        {
            // 0 for a node released since the listing began: listed without a node, as the kernel then looks it up itself.
            number = (table ?? throw InodeRequest.NoTable()).Reference(node, out generation, began);
            counted = number != 0;
        }
        else
        {
            number = table is null || entry.Inode == 0 ? entry.Inode : throw InodeRequest.EntryWithoutNode();
        }

        var native = buffer + size;
        NativeEntry.Write(in entry, number, generation, entry.EntryTimeout ?? entryTimeout, entry.AttributeTimeout ?? attributeTimeout, native);
        if (number == 0 && entry.Attributes.Inode == 0)
        {
            // No node for the kernel to link: the entry is still listed, under the unknown inode rather than 0.
            NativeStat.WriteInodeAndMode(native + NativeEntry.AttributesOffset, UnknownInode, entry.Attributes.Mode);
        }
        var added = Append(LibFuse.fuse_add_direntry_plus(request, buffer + used, size - used, terminated, native, nextOffset));
        if (!added && counted)
        {
            table!.Forget(number, 1);
        }

        return added;
    }

    /// <summary>True for "." and "..", which the kernel never counts as lookups.</summary>
    internal static bool IsDot(ReadOnlySpan<byte> name) =>
        (name.Length == 1 && name[0] == '.') || (name.Length == 2 && name[0] == '.' && name[1] == '.');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Check(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength || ContainsNul(name))
        {
            ThrowInvalidName(name);
        }

        return name.Length;
    }

    // Out of line, so that Check, inlined into every Add, stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalidName(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength)
        {
            throw new FuseException(Errno.ENAMETOOLONG, "directory entry name longer than " + MaxNameLength + " bytes");
        }

        throw new ArgumentException("A directory entry name cannot contain NUL.", nameof(name));
    }

    /// <summary>
    /// True when <paramref name="name"/> holds a NUL. Most names are shorter than a vector, for which the scalar
    /// loop costs less than the call into the vectorized search.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ContainsNul(ReadOnlySpan<byte> name)
    {
        if (name.Length >= 16)
        {
            return name.IndexOf((byte)0) >= 0;
        }

        foreach (var character in name)
        {
            if (character == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Places the next entry: false when it is not to be added (skipped in the simple form, or the reply is full);
    /// in the simple form sets its offset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Position(ref long nextOffset)
    {
        if (nextOffset == 0)
        {
            if (statefulForm)
            {
                throw new InvalidOperationException("A listing gave entries offsets and then none: use one form (see InodeDirectoryFiller).");
            }

            simpleForm = true;
            if (full)
            {
                return false;
            }

            if (position++ < Offset)
            {
                return false;
            }

            nextOffset = position;
            return true;
        }

        if (simpleForm)
        {
            throw new InvalidOperationException("A listing gave entries no offsets and then one: use one form (see InodeDirectoryFiller).");
        }

        statefulForm = true;
        return !full;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Append(nuint entrySize)
    {
        if (entrySize > size - used)
        {
            // Nothing later may be added either: the kernel resumes after the last entry it receives.
            full = true;
            return false;
        }

        used += entrySize;
        return true;
    }
}
