using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text;
using FuseGen.Interop;

namespace FuseGen.Marshalling;

/// <summary>
/// The getxattr/listxattr reply protocol: a size of 0 asks only for the length; a buffer too small is ERANGE.
/// Used by generated code, so filesystems just return the bytes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeXattr
{
    /// <summary>Answers with <paramref name="value"/>.</summary>
    public static int Reply(ReadOnlySpan<byte> value, byte* buffer, nuint size)
    {
        if (size == 0)
        {
            return value.Length;
        }

        if ((nuint)value.Length > size)
        {
            return -(int)Errno.ERANGE;
        }

        value.CopyTo(new Span<byte>(buffer, value.Length));
        return value.Length;
    }

    /// <summary>Answers with <paramref name="value"/>; null means the attribute does not exist (ENODATA).</summary>
    public static int Reply(byte[]? value, byte* buffer, nuint size) =>
        value is null ? -(int)Errno.ENODATA : Reply(new ReadOnlySpan<byte>(value), buffer, size);

    /// <summary>Answers with the names as the kernel lists them: each UTF-8 and NUL-terminated.</summary>
    public static int ReplyNames(IEnumerable<string>? names, byte* buffer, nuint size)
    {
        var list = new List<byte>();
        foreach (var name in names ?? Array.Empty<string>())
        {
            list.AddRange(Encoding.UTF8.GetBytes(name));
            list.Add(0);
        }

        return Reply(list.ToArray(), buffer, size);
    }
}
