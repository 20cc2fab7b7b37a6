using System;
using System.Buffers.Text;

namespace MirrorFs;

/// <summary>
/// <c>/proc/self/fd/N</c>: the path of an open descriptor. It leads to the node itself, a symbolic link opened with
/// <c>O_PATH|O_NOFOLLOW</c> included, so calls that only take paths (open, setxattr, linkat...) reach exactly the
/// node a descriptor holds, whatever its names are by then.
/// </summary>
internal static unsafe class ProcPath
{
    /// <summary>Bytes a path needs: "/proc/self/fd/" (14), at most 10 digits and the NUL.</summary>
    public const int Size = 32;

    /// <summary>Writes "/proc/self/fd/<paramref name="descriptor"/>" and a NUL into <paramref name="buffer"/> (<see cref="Size"/> bytes).</summary>
    public static void Write(int descriptor, byte* buffer)
    {
        var text = new Span<byte>(buffer, Size);
        "/proc/self/fd/"u8.CopyTo(text);
        Utf8Formatter.TryFormat(descriptor, text.Slice(14), out var written);
        text[14 + written] = 0;
    }
}
