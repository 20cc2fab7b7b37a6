using System;
using System.Threading;

namespace BenchFs;

/// <summary>
/// The writable directory <c>/w</c> (docs/benchfs-write.md): entries named one lower-case letter + 5 digits below
/// <c>BENCH_FILES</c>, each a slot of a per-letter table allocated when the letter is first used. An open file's
/// <c>fh</c> is its slot + 1 (0 is every read-only file's).
/// </summary>
internal sealed class WriteTree
{
    private const int Letters = 26;
    private readonly WrittenEntry[]?[] tables = new WrittenEntry[]?[Letters];
    private readonly BenchTree tree;
    private int subdirectories;

    public WriteTree(BenchTree tree) => this.tree = tree;

    /// <summary>Directories in /w (its nlink is 2 more).</summary>
    public int Subdirectories => Volatile.Read(ref subdirectories);

    public void AddSubdirectories(int count) => Interlocked.Add(ref subdirectories, count);

    /// <summary>The slot of <c>/w/Xnnnnn</c> or of <c>/sum/Xnnnnn</c> given its name, or -1.</summary>
    public long Slot(ReadOnlySpan<byte> name)
    {
        if (name.Length != 6 || (uint)(name[0] - 'a') >= Letters)
        {
            return -1;
        }

        var value = tree.ParseNumber(name);
        return value < 0 ? -1 : ((long)(name[0] - 'a') * tree.Files) + value;
    }

    /// <summary>The slot's entry; with <paramref name="allocate"/> false, null when its letter was never used.</summary>
    public ref WrittenEntry Entry(long slot, bool allocate, out bool exists)
    {
        var letter = (int)(slot / tree.Files);
        var table = Volatile.Read(ref tables[letter]);
        if (table is null && allocate)
        {
            var fresh = new WrittenEntry[tree.Files];
            table = Interlocked.CompareExchange(ref tables[letter], fresh, null) ?? fresh;
        }

        exists = table is not null;
        return ref exists ? ref table![slot % tree.Files] : ref Unused;
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

    /// <summary>The table of a letter (null when never used), for listings.</summary>
    public WrittenEntry[]? Table(int letter) => Volatile.Read(ref tables[letter]);

    public static int LetterCount => Letters;

    // A writable dummy for the "no entry" returns; nothing reads it.
    [ThreadStatic]
    private static WrittenEntry unused;

    private static ref WrittenEntry Unused => ref unused;
}
