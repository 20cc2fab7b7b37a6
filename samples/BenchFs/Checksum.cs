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
        var lanes = Vector128<ulong>.Zero;
        var i = 0;
        for (; i + 16 <= data.Length; i += 16)
        {
            lanes += Vector128.LoadUnsafe(ref start, (nuint)i).AsUInt64();
        }

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
