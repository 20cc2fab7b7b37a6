using System;
using System.Threading;
using FuseGen;

namespace BenchFs;

/// <summary>
/// The writable directory <c>/w</c> and the checksums in <c>/sum</c> (docs/benchfs-write.md), operation for operation
/// the C twin's: files keep their size and checksum, directories are always empty, nothing else is kept.
/// </summary>
internal sealed partial class BenchFs
{
    /// <summary>"%016x\n": the checksum as /sum/Xnnnnn reads.</summary>
    private const int SumTextLength = 17;
    private const uint TypeMask = 0xF000;
    private const uint PermissionMask = 0xFFF;

    [Create]
    private Errno Create(ReadOnlySpan<byte> path, uint mode, ref FileInfo file)
    {
        var error = Add(path, (uint)FileType.Regular | (mode & PermissionMask), out var slot);
        if (error == Errno.None)
        {
            file.Handle = (ulong)slot + 1;
        }

        return error;
    }

    [Write]
    private int Write(ReadOnlySpan<byte> data, long offset, ref FileInfo file) => written.Write(file.Handle, data, offset);

    [Truncate]
    private Errno Truncate(ReadOnlySpan<byte> path, long length)
    {
        ref var entry = ref FindWritten(path, out var error);
        return error != Errno.None ? error : WriteTree.Truncate(ref entry, length);
    }

    /// <summary>Nothing is kept that could be lost; implemented so that fsync() is a request, as in the C twin.</summary>
    [Fsync]
    private static Errno Fsync() => Errno.None;

    [Mkdir]
    private Errno Mkdir(ReadOnlySpan<byte> path, uint mode) => Add(path, (uint)FileType.Directory | (mode & PermissionMask), out _);

    [Unlink]
    private Errno Unlink(ReadOnlySpan<byte> path)
    {
        ref var entry = ref FindWritten(path, out var error);
        return error != Errno.None ? error : written.Remove(ref entry, directory: false);
    }

    [Rmdir]
    private Errno Rmdir(ReadOnlySpan<byte> path)
    {
        ref var entry = ref FindWritten(path, out var error);
        return error != Errno.None ? error : written.Remove(ref entry, directory: true);
    }

    [Rename]
    private Errno Rename(ReadOnlySpan<byte> path, ReadOnlySpan<byte> newPath, RenameFlags flags) =>
        path.StartsWith("/w/"u8) && newPath.StartsWith("/w/"u8) ? written.Rename(path.Slice(3), newPath.Slice(3), flags) : Errno.EXDEV;

    [Chmod]
    private Errno Chmod(ReadOnlySpan<byte> path, uint mode)
    {
        ref var entry = ref FindWritten(path, out var error);
        if (error == Errno.None)
        {
            WriteTree.SetPermissions(ref entry, mode);
        }

        return error;
    }

    [Utimens]
    private Errno Utimens(ReadOnlySpan<byte> path, TimeSpec accessTime, TimeSpec modificationTime)
    {
        ref var entry = ref FindWritten(path, out var error);
        if (error == Errno.None)
        {
            WriteTree.SetTimes(ref entry, accessTime, modificationTime);
        }

        return error;
    }

    /// <summary>Creates the entry of a /w path in its free slot: EEXIST when taken, EINVAL for names /w cannot hold.</summary>
    private Errno Add(ReadOnlySpan<byte> path, uint mode, out long slot)
    {
        slot = path.StartsWith("/w/"u8) ? written.Slot(path.Slice(3)) : -1;
        if (slot < 0)
        {
            return path.StartsWith("/w/"u8) ? Errno.EINVAL : Errno.EROFS;
        }

        return written.Add(slot, mode);
    }

    /// <summary>The existing entry of a /w path; ENOENT when there is none, EROFS outside /w.</summary>
    private ref WrittenEntry FindWritten(ReadOnlySpan<byte> path, out Errno error)
    {
        if (!path.StartsWith("/w/"u8))
        {
            error = Errno.EROFS;
            return ref written.Find(default, out _);
        }

        ref var entry = ref written.Find(path.Slice(3), out var found);
        error = found ? Errno.None : Errno.ENOENT;
        return ref entry;
    }

    private Errno OpenWritten(ReadOnlySpan<byte> name, ref FileInfo file)
    {
        ref var entry = ref written.Find(name, out var found);
        if (!found)
        {
            return Errno.ENOENT;
        }

        if ((entry.Mode & TypeMask) == (uint)FileType.Directory)
        {
            return Errno.EISDIR;
        }

        file.Handle = (ulong)written.Slot(name) + 1;
        return Errno.None;
    }

    private static Errno Written(ref Stat stat, ref WrittenEntry entry)
    {
        stat.Mode = Volatile.Read(ref entry.Mode);
        var directory = stat.Type == FileType.Directory;
        stat.Links = directory ? 2UL : 1UL;
        stat.Size = directory ? 0 : Volatile.Read(ref entry.Size);
        stat.AccessTime = entry.AccessTime;
        stat.ModificationTime = entry.ModificationTime;
        return Errno.None;
    }

    private void ListWritten(ref DirectoryFiller entries)
    {
        entries.Add("."u8, FileType.Directory);
        entries.Add(".."u8, FileType.Directory);
        Span<byte> name = stackalloc byte[6];
        for (var letter = 0; letter < WriteTree.LetterCount; letter++)
        {
            var table = written.Table(letter);
            if (table is null)
            {
                continue;
            }

            for (var i = 0; i < table.Length; i++)
            {
                var mode = Volatile.Read(ref table[i].Mode);
                if (mode == 0)
                {
                    continue;
                }

                tree.Name(i).CopyTo(name);
                name[0] = (byte)('a' + letter);
                entries.Add(name, (mode & TypeMask) == (uint)FileType.Directory ? FileType.Directory : FileType.Regular);
            }
        }
    }

    /// <summary>/sum/Xnnnnn exists while /w/Xnnnnn is a file.</summary>
    private bool HasSum(ReadOnlySpan<byte> path)
    {
        ref var entry = ref written.Find(path.Slice(5), out var found);
        return found && (entry.Mode & TypeMask) == (uint)FileType.Regular;
    }

    private int ReadSum(ReadOnlySpan<byte> path, Span<byte> buffer, long offset)
    {
        ref var entry = ref written.Find(path.Slice(5), out var found);
        if (!found || (entry.Mode & TypeMask) != (uint)FileType.Regular)
        {
            return -(int)Errno.ENOENT;
        }

        if (offset >= SumTextLength)
        {
            return 0;
        }

        Span<byte> text = stackalloc byte[SumTextLength];
        var sum = Volatile.Read(ref entry.Sum);
        for (var i = 15; i >= 0; i--, sum >>= 4)
        {
            text[i] = (byte)"0123456789abcdef"[(int)(sum & 0xF)];
        }

        text[16] = (byte)'\n';
        var count = Math.Min(buffer.Length, SumTextLength - (int)offset);
        text.Slice((int)offset, count).CopyTo(buffer);
        return count;
    }
}
