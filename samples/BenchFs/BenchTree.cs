using System;
using System.Runtime.CompilerServices;

namespace BenchFs;

/// <summary>
/// The tree docs/benchfs.md defines, sized from BENCH_BIG_MB and BENCH_FILES, with the content rule's pattern buffer:
/// byte i of a file is (i*7 + 13) mod 251, so any read is one copy from offset (position mod 251).
/// </summary>
internal sealed class BenchTree
{
    public const int ManyFileSize = 4096;
    public const long Time = 1_700_000_000;
    private const int MaxRead = 1 << 20;

    public BenchTree(long bigMegabytes, int files)
    {
        BigSize = bigMegabytes * 1024 * 1024;
        Files = files;
        Pattern = new byte[251 + MaxRead];
        for (var i = 0; i < Pattern.Length; i++)
        {
            Pattern[i] = (byte)(((i * 7) + 13) % 251);
        }

        // Every name "fNNNNN" up front, so readdir copies bytes instead of formatting numbers.
        Names = new byte[files * 6];
        for (var i = 0; i < files; i++)
        {
            Names[i * 6] = (byte)'f';
            for (int digit = 5, value = i; digit >= 1; digit--, value /= 10)
            {
                Names[(i * 6) + digit] = (byte)('0' + (value % 10));
            }
        }
    }

    public long BigSize { get; }

    public int Files { get; }

    public byte[] Pattern { get; }

    public byte[] Names { get; }

    public static ReadOnlySpan<byte> Hello => "Hello World!\n"u8;

    public ReadOnlySpan<byte> Name(int index) => Names.AsSpan(index * 6, 6);

    /// <summary>The index of <c>fNNNNN</c> below <see cref="Files"/>, or -1 for any other name.</summary>
    public int Parse(ReadOnlySpan<byte> name) => name.Length == 6 && name[0] == (byte)'f' ? ParseNumber(name, Files) : -1;

    /// <summary>The value of a name of one character + 5 digits below <paramref name="limit"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ParseNumber(ReadOnlySpan<byte> name, int limit)
    {
        if (name.Length != 6)
        {
            return -1;
        }

        var value = 0;
        for (var i = 1; i < 6; i++)
        {
            var digit = name[i] - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return value < limit ? value : -1;
    }

    /// <summary>Copies the content rule's bytes of a file of <paramref name="size"/> at <paramref name="offset"/>.</summary>
    public int Read(Span<byte> buffer, long offset, long size)
    {
        if (offset >= size)
        {
            return 0;
        }

        var count = (int)Math.Min(Math.Min(buffer.Length, size - offset), MaxRead);
        Pattern.AsSpan((int)(offset % 251), count).CopyTo(buffer);
        return count;
    }
}
