using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen.Interop;

namespace FuseGen.Marshalling;

/// <summary>Conversions between libfuse's NUL-terminated UTF-8 strings and managed shapes. Used by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeText
{
    /// <summary>The bytes of a C string, without copying; empty for NULL (libfuse passes NULL paths with nullpath_ok).</summary>
    public static ReadOnlySpan<byte> AsSpan(byte* text) =>
        text == null ? default : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text);

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
