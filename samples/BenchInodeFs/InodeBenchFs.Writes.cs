using System;
using System.Threading;
using FuseGen;
using UnixFileMode = System.IO.UnixFileMode;

namespace BenchFs;

/// <summary>
/// The writable directory <c>/w</c> and the checksums in <c>/sum</c> (docs/benchfs-write.md) on the inode API,
/// operation for operation the C low-level twin's: the same slots as the path API's BenchFs (<see cref="WriteTree"/>),
/// the inode of <c>/w/X</c> being <see cref="FirstWritten"/> + its slot and of <c>/sum/X</c> <see cref="FirstSum"/> +
/// the slot. A rename moves the record to the new name's slot, so to its inode: the old inode then holds nothing and
/// answers ESTALE, on which the kernel walks the path again. Every entry made in a slot takes the slot's next
/// generation, so that the kernel never takes it for an earlier one.
/// </summary>
internal sealed partial class InodeBenchFs
{
    /// <summary>"%016x\n": the checksum as /sum/Xnnnnn reads.</summary>
    private const int SumTextLength = 17;
    private const uint TypeMask = 0xF000;
    private const uint PermissionMask = 0xFFF;

    // /sum's text, formatted per read on the thread that replies it (the reply copies it before the next request).
    [ThreadStatic]
    private static byte[]? sumText;

    private ulong SumDirectory { get; }

    private ulong WritableDirectory { get; }

    private ulong FirstWritten { get; }

    private ulong FirstSum { get; }

    [Create]
    private Errno Create(ulong parent, ReadOnlySpan<byte> name, UnixFileMode mode, FileInfo file, ref InodeEntry entry)
    {
        var error = Add(parent, name, (uint)FileType.Regular | ((uint)mode & PermissionMask), out var slot);
        if (error != Errno.None)
        {
            return error;
        }

        file.Handle = (ulong)slot + 1;
        return Entry(FirstWritten + (ulong)slot, ref entry);
    }

    [Write]
    private int Write(ulong inode, ReadOnlySpan<byte> data, long offset, FileInfo file) => written.Write(file.Handle, data, offset);

    /// <summary>Nothing is kept that could be lost; implemented so that fsync() is a request, as in the C twin.</summary>
    [Fsync]
    private static Errno Fsync(ulong inode) => Errno.None;

    /// <summary>chmod, truncate and utimens of /w entries; EROFS elsewhere; chown is not implemented (ENOSYS, as in the C twins).</summary>
    [Setattr]
    private Errno SetAttr(ulong inode, AttributeChanges changes, ref Stat stat)
    {
        var error = Attributes(inode, ref stat);
        if (error != Errno.None)
        {
            return error;
        }

        if (!IsWritten(inode))
        {
            return Errno.EROFS;
        }

        if (changes.Has(ChangedAttributes.Uid) || changes.Has(ChangedAttributes.Gid))
        {
            return Errno.ENOSYS;
        }

        ref var entry = ref Live((long)(inode - FirstWritten), out _);
        if (changes.Size is { } length && WriteTree.Truncate(ref entry, length) is var truncated and not Errno.None)
        {
            return truncated;
        }

        if (changes.Mode is { } mode)
        {
            WriteTree.SetPermissions(ref entry, mode);
        }

        WriteTree.SetTimes(ref entry, changes.AccessTime, changes.ModificationTime);
        return Attributes(inode, ref stat);
    }

    [Mkdir]
    private Errno Mkdir(ulong parent, ReadOnlySpan<byte> name, UnixFileMode mode, ref InodeEntry entry)
    {
        var error = Add(parent, name, (uint)FileType.Directory | ((uint)mode & PermissionMask), out var slot);
        return error != Errno.None ? error : Entry(FirstWritten + (ulong)slot, ref entry);
    }

    [Unlink]
    private Errno Unlink(ulong parent, ReadOnlySpan<byte> name)
    {
        ref var entry = ref FindWritten(parent, name, out var error);
        return error != Errno.None ? error : written.Remove(ref entry, directory: false);
    }

    [Rmdir]
    private Errno Rmdir(ulong parent, ReadOnlySpan<byte> name)
    {
        ref var entry = ref FindWritten(parent, name, out var error);
        return error != Errno.None ? error : written.Remove(ref entry, directory: true);
    }

    /// <summary>Moves the record to the new name's slot, so to its inode (the old one then answers ESTALE).</summary>
    [Rename]
    private Errno Rename(ulong parent, ReadOnlySpan<byte> name, ulong newParent, ReadOnlySpan<byte> newName, RenameFlags flags) =>
        parent == WritableDirectory && newParent == WritableDirectory ? written.Rename(name, newName, flags) : Errno.EXDEV;

    /// <summary>The entry in a slot; <paramref name="found"/> when it holds one.</summary>
    private ref WrittenEntry Live(long slot, out bool found)
    {
        if (slot < 0)
        {
            found = false;
            return ref written.Find(default, out _);
        }

        ref var entry = ref written.Entry(slot, allocate: false, out var exists);
        found = exists && Volatile.Read(ref entry.Mode) != 0;
        return ref entry;
    }

    private bool IsWritten(ulong inode) => inode >= FirstWritten && inode < FirstSum;

    /// <summary>/w/X (its inode and generation) or /sum/X (while /w/X is a file).</summary>
    private Errno LookupWritten(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        // The name parsed once and its slot's entry found once, then its attributes, as the C twin's lookup does.
        var slot = written.Slot(name);
        ref var found = ref Live(slot, out var exists);
        if (!exists || (parent == SumDirectory && (found.Mode & TypeMask) != (uint)FileType.Regular))
        {
            return Errno.ENOENT;
        }

        return parent == WritableDirectory
            ? Entry(FirstWritten + (ulong)slot, found.Generation, ref entry)
            : Entry(FirstSum + (ulong)slot, 0, ref entry);
    }

    /// <summary>The entry of a /w or /sum inode, with the slot's generation for /w.</summary>
    private Errno Entry(ulong inode, ref InodeEntry entry) =>
        Entry(inode, IsWritten(inode) ? Live((long)(inode - FirstWritten), out _).Generation : 0, ref entry);

    private Errno Entry(ulong inode, uint generation, ref InodeEntry entry)
    {
        var stat = default(Stat);
        var error = Attributes(inode, ref stat);
        if (error == Errno.None)
        {
            // Field by field into the caller's entry: a whole new InodeEntry would be built, then copied over it
            // with a write barrier for its node reference.
            entry.Inode = inode;
            entry.Generation = generation;
            entry.Attributes = stat;
        }

        return error;
    }

    /// <summary>The attributes of /sum, /w and their entries; ESTALE for an inode whose slot holds no (such) entry.</summary>
    private Errno WrittenAttributes(ulong inode, ref Stat stat)
    {
        if (inode == SumDirectory || inode == WritableDirectory)
        {
            stat.Type = FileType.Directory;
            stat.Permissions = Directory;
            stat.Links = inode == WritableDirectory ? 2 + (ulong)written.Subdirectories : 2;
            return Errno.None;
        }

        if (inode >= FirstSum + (FirstSum - FirstWritten))
        {
            return Errno.ENOENT;
        }

        var sum = inode >= FirstSum;
        ref var entry = ref Live((long)(inode - (sum ? FirstSum : FirstWritten)), out var exists);
        var mode = Volatile.Read(ref entry.Mode);
        if (!exists || (sum && (mode & TypeMask) != (uint)FileType.Regular))
        {
            return Errno.ESTALE;
        }

        if (sum)
        {
            return File(ref stat, SumTextLength);
        }

        stat.Mode = mode;
        var directory = stat.Type == FileType.Directory;
        stat.Links = directory ? 2UL : 1UL;
        stat.Size = directory ? 0 : Volatile.Read(ref entry.Size);
        stat.AccessTime = entry.AccessTime;
        stat.ModificationTime = entry.ModificationTime;
        return Errno.None;
    }

    /// <summary>Makes the entry of a /w name in its free slot: EEXIST when taken, EINVAL for names /w cannot hold, EROFS elsewhere.</summary>
    private Errno Add(ulong parent, ReadOnlySpan<byte> name, uint mode, out long slot)
    {
        slot = parent == WritableDirectory ? written.Slot(name) : -1;
        if (slot < 0)
        {
            return parent == WritableDirectory ? Errno.EINVAL : Errno.EROFS;
        }

        return written.Add(slot, mode);
    }

    /// <summary>The existing entry of a name in /w; ENOENT when there is none, EROFS outside /w.</summary>
    private ref WrittenEntry FindWritten(ulong parent, ReadOnlySpan<byte> name, out Errno error)
    {
        ref var entry = ref written.Find(parent == WritableDirectory ? name : default, out var found);
        error = found ? Errno.None : parent == WritableDirectory ? Errno.ENOENT : Errno.EROFS;
        return ref entry;
    }

    /// <summary>A /w file: any access mode, <c>fh</c> = slot + 1.</summary>
    private Errno OpenWritten(ulong inode, FileInfo info)
    {
        ref var entry = ref Live((long)(inode - FirstWritten), out var found);
        if (!found)
        {
            return Errno.ESTALE;
        }

        if ((entry.Mode & TypeMask) == (uint)FileType.Directory)
        {
            return Errno.EISDIR;
        }

        info.Handle = inode - FirstWritten + 1;
        return Errno.None;
    }

    /// <summary>/sum/X: the checksum in 16 hex digits and a newline; /w/X: EIO (written data is not kept).</summary>
    private ReadOnlySpan<byte> ReadWritten(ulong inode, long offset, long size)
    {
        if (inode < FirstSum)
        {
            throw new FuseException(Errno.EIO);
        }

        ref var entry = ref Live((long)(inode - FirstSum), out var found);
        if (!found || (Volatile.Read(ref entry.Mode) & TypeMask) != (uint)FileType.Regular)
        {
            throw new FuseException(Errno.ESTALE);
        }

        if (offset >= SumTextLength)
        {
            return default;
        }

        var text = sumText ??= new byte[SumTextLength];
        var sum = Volatile.Read(ref entry.Sum);
        for (var i = 15; i >= 0; i--, sum >>= 4)
        {
            text[i] = (byte)"0123456789abcdef"[(int)(sum & 0xF)];
        }

        text[16] = (byte)'\n';
        return text.AsSpan((int)offset, (int)Math.Min(size, SumTextLength - offset));
    }

    /// <summary>/sum lists nothing; /w its entries after . and .., each at offset 2 + slot + 1 (resumed from the kernel's offset).</summary>
    private void ListWritten(ulong inode, ref InodeDirectoryFiller entries)
    {
        if (entries.Offset == 0 && !entries.Add("."u8, inode, FileType.Directory, 1))
        {
            return;
        }

        if (entries.Offset <= 1 && !entries.Add(".."u8, Root, FileType.Directory, 2))
        {
            return;
        }

        if (inode == SumDirectory)
        {
            return;
        }

        Span<byte> name = stackalloc byte[6];
        var slots = (long)WriteTree.LetterCount * tree.Files;
        for (var slot = Math.Max(entries.Offset - 2, 0); slot < slots; slot++)
        {
            var letter = (int)(slot / tree.Files);
            var table = written.Table(letter);
            if (table is null)
            {
                // The whole letter is unused.
                slot += tree.Files - 1 - (slot % tree.Files);
                continue;
            }

            var mode = Volatile.Read(ref table[slot % tree.Files].Mode);
            if (mode == 0)
            {
                continue;
            }

            tree.Name((int)(slot % tree.Files)).CopyTo(name);
            name[0] = (byte)('a' + letter);
            var type = (mode & TypeMask) == (uint)FileType.Directory ? FileType.Directory : FileType.Regular;
            if (!entries.Add(name, FirstWritten + (ulong)slot, type, slot + 3))
            {
                return;
            }
        }
    }
}
