using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.Testing;

/// <summary>An entry libfuse's filler received.</summary>
public sealed record FilledEntry(string Name, long Offset, int Flags, Stat? Stat);

/// <summary>
/// Fake <c>fuse_fill_dir_t</c> callbacks: <see cref="Collect"/> records every entry (and reports "full" after
/// <see cref="Capacity"/> entries), <see cref="Count"/> only counts, without allocating.
/// </summary>
public static unsafe class FakeFiller
{
    public static readonly void* Buffer = (void*)0x5EED;

    public static List<FilledEntry> Entries { get; } = new();

    public static int Capacity { get; set; } = int.MaxValue;

    public static int Counted { get; private set; }

    /// <summary>Calls that passed a buffer other than <see cref="Buffer"/>.</summary>
    public static int ForeignBuffers { get; private set; }

    public static delegate* unmanaged[Cdecl]<void*, byte*, void*, long, int, int> CollectPointer => &Collect;

    public static delegate* unmanaged[Cdecl]<void*, byte*, void*, long, int, int> CountPointer => &Count;

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
