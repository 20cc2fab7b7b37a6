using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen.Interop;

namespace FuseGen.Marshalling;

/// <summary>Conversions between libfuse's NUL-terminated UTF-8 strings and managed shapes. Used by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeText
{
    private const ulong LowBits = 0x0101010101010101;
    private const ulong HighBits = 0x8080808080808080;

    /// <summary>The bytes of a C string, without copying; empty for NULL (libfuse passes NULL paths with nullpath_ok).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> AsSpan(byte* text) => text == null ? default : new(text, Length(text));

    /// <summary>
    /// strlen, inlined into every trampoline that takes a path or a name: the runtime's
    /// (<c>MemoryMarshal.CreateReadOnlySpanFromNullTerminated</c>) is two calls and a vectorised search whose set-up
    /// costs more than the search itself on the 5-50 byte paths and names of a request. Eight bytes at a time from the
    /// first 8-byte boundary: an aligned load never crosses a page, so the bytes it reads past the terminator are
    /// always readable (the bytes before <paramref name="text"/> in the first word are masked out).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Length(byte* text)
    {
        var offset = (int)((nuint)text & 7);
        var word = (ulong*)(text - offset);
        // The first word with the bytes before the string made non-zero, so that none reads as its end.
        var value = *word | ((1UL << (offset * 8)) - 1);
        while (true)
        {
            // The lowest set bit marks the first zero byte exactly (borrows only mark bytes above a zero one).
            var zeros = (value - LowBits) & ~value & HighBits;
            if (zeros != 0)
            {
                return (int)((byte*)word - text) + (BitOperations.TrailingZeroCount(zeros) >> 3);
            }

            value = *++word;
        }
    }

    /// <summary>
    /// A C string decoded as UTF-8; empty for NULL. Bytes that are not valid UTF-8 become U+FFFD, so use a
    /// <c>ReadOnlySpan&lt;byte&gt;</c> path where names must round-trip exactly.
    /// </summary>
    public static string ToString(byte* text) => text == null ? "" : Encoding.UTF8.GetString(AsSpan(text));

    /// <summary>The readlink buffer, leaving room for the terminating NUL.</summary>
    public static Span<byte> LinkBuffer(byte* buffer, nuint size) =>
        size == 0 ? default : new Span<byte>(buffer, (int)Math.Min(size - 1, int.MaxValue));

    /// <summary>Copies a link target into the readlink buffer, truncating as readlink(2) does, and terminates it.</summary>
    public static int CopyLinkTarget(ReadOnlySpan<byte> target, byte* buffer, nuint size)
    {
        var room = LinkBuffer(buffer, size);
        if (size == 0)
        {
            return -(int)Errno.EINVAL;
        }

        var length = Math.Min(target.Length, room.Length);
        target.Slice(0, length).CopyTo(room);
        buffer[length] = 0;
        return 0;
    }

    /// <summary>Encodes a link target into the readlink buffer (truncating) and terminates it.</summary>
    public static int CopyLinkTarget(string? target, byte* buffer, nuint size)
    {
        if (target is null)
        {
            return -(int)Errno.EINVAL;
        }

        var room = LinkBuffer(buffer, size);
        if (size == 0)
        {
            return -(int)Errno.EINVAL;
        }

        var bytes = Encoding.UTF8.GetBytes(target);
        var length = Math.Min(bytes.Length, room.Length);
        bytes.AsSpan(0, length).CopyTo(room);
        buffer[length] = 0;
        return 0;
    }

    /// <summary>Terminates what a method wrote into <see cref="LinkBuffer"/>; passes errors through.</summary>
    public static int TerminateLinkTarget(int written, byte* buffer, nuint size)
    {
        if (written < 0)
        {
            return NativeResult.Check(written);
        }

        if (size == 0 || (nuint)written > size - 1)
        {
            return -(int)Errno.ERANGE;
        }

        buffer[written] = 0;
        return 0;
    }
}
