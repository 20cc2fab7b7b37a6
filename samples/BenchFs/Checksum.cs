using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BenchFs;

/// <summary>
/// The checksum /w keeps of what is written: the wrapping sum of the data's little-endian 64-bit words (the tail
/// zero-padded). It adds up over any split of the data at multiples of 8 bytes, so the driver can predict it whatever
/// sizes the kernel cuts writes into, and in any order of concurrent writes. Two 64-bit lanes, as in the C twin.
/// </summary>
internal static class Checksum
{
    public static ulong Of(ReadOnlySpan<byte> data)
    {
        ref var start = ref MemoryMarshal.GetReference(data);

        // A moving reference up to the last whole 16 bytes, as gcc compiles the C twin's loop (load, add, advance,
        // compare): an int index costs a sign extension and a recomputed bound every 16 bytes, which on 1 MiB writes
        // was most of seqwrite's CPU above C's.
        ref var next = ref start;
        ref var end = ref Unsafe.Add(ref start, data.Length & ~15);
        var lanes = Vector128<ulong>.Zero;
        while (Unsafe.IsAddressLessThan(ref next, ref end))
        {
            lanes += Vector128.LoadUnsafe(ref next).AsUInt64();
            next = ref Unsafe.Add(ref next, 16);
        }

        var i = data.Length & ~15;
        var total = lanes.GetElement(0) + lanes.GetElement(1);
        for (; i + 8 <= data.Length; i += 8)
        {
            total += Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i));
        }

        if (i < data.Length)
        {
            ulong word = 0;
            data.Slice(i).CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref word)));
            total += word;
        }

        return total;
    }
}
