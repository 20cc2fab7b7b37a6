using System;
using System.Runtime.CompilerServices;
using System.Threading;
using FuseGen;

namespace BenchFs;

/// <summary>
/// The writable directory <c>/w</c> (docs/benchfs-write.md): entries named one lower-case letter + 5 digits below
/// <c>BENCH_FILES</c>, each a slot of a per-letter table allocated when the letter is first used. An open file's
/// <c>fh</c> is its slot + 1 (0 is every read-only file's).
/// </summary>
internal sealed class WriteTree
{
    private const int Letters = 26;
    private const uint TypeMask = 0xF000;
    private const uint PermissionMask = 0xFFF;
    private readonly WrittenEntry[]?[] tables = new WrittenEntry[]?[Letters];

    // The tree's file count, kept here so that a request's slot is found from this object alone (BENCH_FILES).
    private readonly int files;
    private int subdirectories;

    public WriteTree(BenchTree tree) => files = tree.Files;

    /// <summary>Directories in /w (its nlink is 2 more).</summary>
    public int Subdirectories => Volatile.Read(ref subdirectories);

    public void AddSubdirectories(int count) => Interlocked.Add(ref subdirectories, count);

    /// <summary>The slot of <c>/w/Xnnnnn</c> or of <c>/sum/Xnnnnn</c> given its name, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Slot(ReadOnlySpan<byte> name)
    {
        if (name.Length != 6 || (uint)(name[0] - 'a') >= Letters)
        {
            return -1;
        }

        var value = BenchTree.ParseNumber(name, files);
        return value < 0 ? -1 : ((long)(name[0] - 'a') * files) + value;
    }

    /// <summary>The slot's entry; with <paramref name="allocate"/> false, null when its letter was never used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref WrittenEntry Entry(long slot, bool allocate, out bool exists)
    {
        // One division for the letter and the index, as gcc makes of the C twin's slot / files and slot % files
        // (the JIT divides twice, and a 64-bit idiv is tens of cycles on every /w request).
        var letter = slot / files;
        var index = slot - (letter * files);
        var table = Volatile.Read(ref tables[letter]);
        if (table is null && allocate)
        {
            table = Allocate((int)letter);
        }

        exists = table is not null;
        return ref exists ? ref table![index] : ref Unused;
    }

    /// <summary>The table of a letter's first entry (once per letter; off the request path's inlined code).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WrittenEntry[] Allocate(int letter)
    {
        var fresh = new WrittenEntry[files];
        return Interlocked.CompareExchange(ref tables[letter], fresh, null) ?? fresh;
    }

    /// <summary>The entry of an existing name of /w (mode != 0), or <paramref name="found"/> false.</summary>
    public ref WrittenEntry Find(ReadOnlySpan<byte> name, out bool found)
    {
        var slot = Slot(name);
        if (slot < 0)
        {
            found = false;
            return ref Unused;
        }

        ref var entry = ref Entry(slot, allocate: false, out var exists);
        found = exists && Volatile.Read(ref entry.Mode) != 0;
        return ref entry;
    }

    /// <summary>Makes the entry of <paramref name="mode"/> (type and permissions) in a free slot; EEXIST when taken.</summary>
    public Errno Add(long slot, uint mode)
    {
        ref var entry = ref Entry(slot, allocate: true, out _);
        if (entry.Mode != 0)
        {
            return Errno.EEXIST;
        }

        entry.Size = 0;
        entry.Sum = 0;
        entry.AccessTime = entry.ModificationTime = new TimeSpec(BenchTree.Time, 0);
        entry.Generation++;
        Volatile.Write(ref entry.Mode, mode);
        if (IsDirectory(mode))
        {
            AddSubdirectories(1);
        }

        return Errno.None;
    }

    /// <summary>
    /// Writes to the file whose <c>fh</c> is <paramref name="handle"/> (slot + 1): adds the data's checksum and extends
    /// the size, lock-free, as writes to one file run on many threads. The length, or -EBADF.
    /// </summary>
    public int Write(ulong handle, ReadOnlySpan<byte> data, long offset)
    {
        if (handle == 0)
        {
            return -(int)Errno.EBADF;
        }

        ref var entry = ref Entry((long)handle - 1, allocate: false, out var exists);
        if (!exists)
        {
            return -(int)Errno.EBADF;
        }

        Interlocked.Add(ref entry.Sum, Checksum.Of(data));
        var end = offset + data.Length;
        var current = Volatile.Read(ref entry.Size);
        while (current < end)
        {
            var seen = Interlocked.CompareExchange(ref entry.Size, end, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        return data.Length;
    }

    /// <summary>Truncates a file (a directory: EISDIR); truncating to 0 resets the checksum.</summary>
    public static Errno Truncate(ref WrittenEntry entry, long length)
    {
        if (IsDirectory(entry.Mode))
        {
            return Errno.EISDIR;
        }

        Volatile.Write(ref entry.Size, length);
        if (length == 0)
        {
            Volatile.Write(ref entry.Sum, 0UL);
        }

        return Errno.None;
    }

    /// <summary>Frees the slot of an existing entry: unlink (<paramref name="directory"/> false) or rmdir.</summary>
    public Errno Remove(ref WrittenEntry entry, bool directory)
    {
        if (IsDirectory(entry.Mode) != directory)
        {
            return directory ? Errno.ENOTDIR : Errno.EISDIR;
        }

        Volatile.Write(ref entry.Mode, 0u);
        if (directory)
        {
            AddSubdirectories(-1);
        }

        return Errno.None;
    }

    /// <summary>
    /// Moves the record of an existing name to the new name's slot, which takes its next generation (open files keep
    /// the old slot: nothing reuses it in the benchmark). Honours RENAME_NOREPLACE; RENAME_EXCHANGE is EINVAL.
    /// </summary>
    public Errno Rename(ReadOnlySpan<byte> name, ReadOnlySpan<byte> newName, RenameFlags flags)
    {
        ref var source = ref Find(name, out var found);
        var targetSlot = Slot(newName);
        if (!found || targetSlot < 0)
        {
            return found ? Errno.EINVAL : Errno.ENOENT;
        }

        if ((flags & RenameFlags.Exchange) != 0)
        {
            return Errno.EINVAL;
        }

        ref var target = ref Entry(targetSlot, allocate: true, out _);
        if (Unsafe.AreSame(ref target, ref source))
        {
            return Errno.None;
        }

        if (target.Mode != 0)
        {
            if ((flags & RenameFlags.NoReplace) != 0)
            {
                return Errno.EEXIST;
            }

            var targetIsDirectory = IsDirectory(target.Mode);
            if (targetIsDirectory != IsDirectory(source.Mode))
            {
                return targetIsDirectory ? Errno.EISDIR : Errno.ENOTDIR;
            }

            if (targetIsDirectory)
            {
                // Directories in /w are always empty, so one may replace another.
                AddSubdirectories(-1);
            }
        }

        target.Size = source.Size;
        target.Sum = source.Sum;
        target.AccessTime = source.AccessTime;
        target.ModificationTime = source.ModificationTime;
        target.Generation++;
        Volatile.Write(ref target.Mode, source.Mode);
        Volatile.Write(ref source.Mode, 0u);
        return Errno.None;
    }

    /// <summary>chmod: the new permission bits, the type kept.</summary>
    public static void SetPermissions(ref WrittenEntry entry, uint mode) =>
        Volatile.Write(ref entry.Mode, (entry.Mode & TypeMask) | (mode & PermissionMask));

    /// <summary>utimens: each time set, kept (UTIME_OMIT) or the clock (UTIME_NOW).</summary>
    public static void SetTimes(ref WrittenEntry entry, TimeSpec accessTime, TimeSpec modificationTime)
    {
        entry.AccessTime = NewTime(entry.AccessTime, accessTime);
        entry.ModificationTime = NewTime(entry.ModificationTime, modificationTime);
    }

    public static bool IsDirectory(uint mode) => (mode & TypeMask) == (uint)FileType.Directory;

    /// <summary>The table of a letter (null when never used), for listings.</summary>
    public WrittenEntry[]? Table(int letter) => Volatile.Read(ref tables[letter]);

    public static int LetterCount => Letters;

    private static TimeSpec NewTime(TimeSpec current, TimeSpec requested) =>
        requested.IsOmit ? current : requested.IsNow ? TimeSpec.UtcNow : requested;

    // A writable dummy for the "no entry" returns; nothing reads it.
    [ThreadStatic]
    private static WrittenEntry unused;

    private static ref WrittenEntry Unused => ref unused;
}
