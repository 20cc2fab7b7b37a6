using System;
using System.Collections.Generic;
using BenchFs;

namespace FuseGen.Benchmarks;

/// <summary>
/// BenchFs (samples/BenchFs) written against <see cref="DelegateBinding"/>: string paths, a managed stat struct, a
/// <c>byte[]</c> to read into, a list of entry objects. Same tree, same answers, names precomputed as FuseGen's are.
/// </summary>
public sealed class DelegateBenchFs
{
    private const uint Regular = 0x8000 | 0x124; // S_IFREG | 0444
    private const uint Directory = 0x4000 | 0x1ED; // S_IFDIR | 0755

    private readonly BenchTree tree;
    private readonly WriteTree written;
    private readonly string[] names;

    internal DelegateBenchFs(BenchTree tree)
    {
        this.tree = tree;
        written = new WriteTree(tree);
        names = new string[tree.Files];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = "f" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public DelegateBinding.Operations Operations => new() { Getattr = GetAttr, Read = Read, Readdir = ReadDir, Write = Write };

    /// <summary>Creates the file /w/Xnnnnn of <paramref name="slot"/> (open as fh slot + 1), as BenchFs's create does.</summary>
    internal void CreateWritten(long slot) => written.Entry(slot, allocate: true, out _).Mode = 0x8000 | 0x1A4;

    /// <summary>The checksum /w's file of <paramref name="slot"/> holds.</summary>
    internal ulong WrittenSum(long slot) => written.Entry(slot, allocate: false, out _).Sum;

    private int GetAttr(string path, out ManagedStat stat)
    {
        stat = new ManagedStat { BlockSize = 4096, Time = BenchTree.Time };
        if (path.Length > 6 && path.StartsWith("/many/", StringComparison.Ordinal))
        {
            return Parse(path.AsSpan(6)) >= 0 ? File(ref stat, BenchTree.ManyFileSize) : -2;
        }

        switch (path)
        {
            case "/big":
                return File(ref stat, tree.BigSize);
            case "/hello":
                return File(ref stat, BenchTree.Hello.Length);
            case "/":
                stat.Mode = Directory;
                stat.Links = 3;
                return 0;
            case "/many":
                stat.Mode = Directory;
                stat.Links = 2;
                return 0;
            default:
                return -2; // ENOENT
        }
    }

    private int Read(string path, byte[] buffer, long offset)
    {
        if (path == "/big")
        {
            return tree.Read(buffer, offset, tree.BigSize);
        }

        if (path.Length > 6 && path.StartsWith("/many/", StringComparison.Ordinal) && Parse(path.AsSpan(6)) >= 0)
        {
            return tree.Read(buffer, offset, BenchTree.ManyFileSize);
        }

        return -2;
    }

    private int Write(string path, byte[] data, long offset, ulong handle)
    {
        if (handle == 0 || !path.StartsWith("/w/", StringComparison.Ordinal))
        {
            return -9; // EBADF
        }

        ref var entry = ref written.Entry((long)handle - 1, allocate: false, out var exists);
        if (!exists)
        {
            return -9;
        }

        System.Threading.Interlocked.Add(ref entry.Sum, Checksum.Of(data));
        var end = offset + data.Length;
        var current = System.Threading.Volatile.Read(ref entry.Size);
        while (current < end)
        {
            var seen = System.Threading.Interlocked.CompareExchange(ref entry.Size, end, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        return data.Length;
    }

    private int ReadDir(string path, out IEnumerable<DirectoryEntry>? entries)
    {
        entries = null;
        if (path != "/many")
        {
            return -2;
        }

        var list = new List<DirectoryEntry>(names.Length + 2) { new(".", Directory), new("..", Directory) };
        foreach (var name in names)
        {
            list.Add(new DirectoryEntry(name, Regular));
        }

        entries = list;
        return 0;
    }

    private int Parse(ReadOnlySpan<char> name)
    {
        if (name.Length != 6 || name[0] != 'f' || !int.TryParse(name.Slice(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return -1;
        }

        return value < tree.Files ? value : -1;
    }

    private static int File(ref ManagedStat stat, long size)
    {
        stat.Mode = Regular;
        stat.Links = 1;
        stat.Size = size;
        stat.Blocks = (size + 511) / 512;
        return 0;
    }
}
