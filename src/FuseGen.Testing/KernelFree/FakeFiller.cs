using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.Testing;

/// <summary>An entry libfuse's filler received.</summary>
/// <param name="Name">The entry's name.</param>
/// <param name="Offset">The offset passed with it (0 when the filesystem does not page).</param>
/// <param name="Flags">The <c>fuse_fill_dir_flags</c> passed with it.</param>
/// <param name="Stat">The attributes passed with it, or null.</param>
public sealed record FilledEntry(string Name, long Offset, int Flags, Stat? Stat);

/// <summary>
/// Fake <c>fuse_fill_dir_t</c> callbacks: <see cref="Collect"/> records every entry (and reports "full" after
/// <see cref="Capacity"/> entries), <see cref="Count"/> only counts, without allocating.
/// </summary>
public static unsafe class FakeFiller
{
    /// <summary>The fake buffer to pass as the <c>buf</c> argument of readdir; entries filled into another count as <see cref="ForeignBuffers"/>.</summary>
    public static readonly void* Buffer = (void*)0x5EED;

    /// <summary>The entries <see cref="CollectPointer"/> received since <see cref="Reset"/>.</summary>
    public static List<FilledEntry> Entries { get; } = new();

    /// <summary>After this many entries the collecting filler answers "full" (1), as libfuse does when its buffer is full.</summary>
    public static int Capacity { get; set; } = int.MaxValue;

    /// <summary>The entries <see cref="CountPointer"/> received since <see cref="Reset"/>.</summary>
    public static int Counted { get; private set; }

    /// <summary>Calls that passed a buffer other than <see cref="Buffer"/>.</summary>
    public static int ForeignBuffers { get; private set; }

    /// <summary>The filler that records each entry in <see cref="Entries"/>: pass it as readdir's <c>filler</c>.</summary>
    public static delegate* unmanaged[Cdecl]<void*, byte*, void*, long, int, int> CollectPointer => &Collect;

    /// <summary>The filler that only counts entries (<see cref="Counted"/>), allocating nothing.</summary>
    public static delegate* unmanaged[Cdecl]<void*, byte*, void*, long, int, int> CountPointer => &Count;

    /// <summary>Forgets every entry and count, and sets the <see cref="Capacity"/>.</summary>
    /// <param name="capacity">Entries accepted before the filler answers "full".</param>
    public static void Reset(int capacity = int.MaxValue)
    {
        Entries.Clear();
        Capacity = capacity;
        Counted = 0;
        ForeignBuffers = 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Collect(void* buffer, byte* name, void* stat, long offset, int flags)
    {
        if (buffer != Buffer)
        {
            ForeignBuffers++;
        }

        if (Entries.Count >= Capacity)
        {
            return 1;
        }

        var text = Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
        Entries.Add(new FilledEntry(text, offset, flags, stat == null ? null : NativeStat.Read(stat)));
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Count(void* buffer, byte* name, void* stat, long offset, int flags)
    {
        if (buffer != Buffer)
        {
            ForeignBuffers++;
        }

        Counted++;
        return 0;
    }
}
