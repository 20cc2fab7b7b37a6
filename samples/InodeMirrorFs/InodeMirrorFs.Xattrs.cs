using System;
using System.Collections.Generic;
using System.Text;
using FuseGen;
using MirrorFs;
using MirrorFs.Interop;

namespace InodeMirrorFs;

/// <summary>
/// Extended attributes of the node itself, never of what a symbolic link points at: the calls go to the node's
/// <c>/proc/self/fd/N</c>, which leads to the node (a symbolic link included) for every file type, as in MirrorFs
/// and passthrough_hp. FuseGen answers the kernel's size probes and ERANGE from the whole value.
/// </summary>
internal sealed unsafe partial class InodeMirrorFs
{
    // XATTR_NAME_MAX; the kernel refuses longer names before asking.
    private const int MaxNameLength = 255;

    // XATTR_SIZE_MAX and XATTR_LIST_MAX: no value or list is longer.
    private const int MaxValueLength = 64 * 1024;

    [ThreadStatic]
    private static byte[]? xattrBuffer;

    [Setxattr]
    private static Errno SetXattr(SourceNode node, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int flags)
    {
        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node.Descriptor, procPath);
        fixed (byte* attribute = Terminated(name, stackalloc byte[Math.Min(name.Length, MaxNameLength) + 1]))
        fixed (byte* bytes = value)
        {
            return name.Length > MaxNameLength ? Errno.ERANGE : LibC.Check(LibC.setxattr(procPath, attribute, bytes, (nuint)value.Length, flags));
        }
    }

    /// <summary>The value; null when the node has no such attribute (ENODATA, the common answer, costs no exception).</summary>
    [Getxattr]
    private static byte[]? GetXattr(SourceNode node, ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength)
        {
            throw new FuseException(Errno.ERANGE);
        }

        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node.Descriptor, procPath);
        var buffer = xattrBuffer ??= new byte[MaxValueLength];
        nint count;
        fixed (byte* attribute = Terminated(name, stackalloc byte[name.Length + 1]))
        fixed (byte* value = buffer)
        {
            count = LibC.getxattr(procPath, attribute, value, (nuint)buffer.Length);
        }

        if (count >= 0)
        {
            return buffer.AsSpan(0, (int)count).ToArray();
        }

        var error = LibC.LastErrno;
        return error == Errno.ENODATA ? null : throw new FuseException(error);
    }

    [Listxattr]
    private static IEnumerable<string> ListXattr(SourceNode node)
    {
        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node.Descriptor, procPath);
        var buffer = xattrBuffer ??= new byte[MaxValueLength];
        nint count;
        fixed (byte* list = buffer)
        {
            count = LibC.listxattr(procPath, list, (nuint)buffer.Length);
        }

        if (count < 0)
        {
            throw new FuseException(LibC.LastErrno);
        }

        var names = new List<string>();
        foreach (var range in buffer.AsSpan(0, (int)count).Split((byte)0))
        {
            var item = buffer.AsSpan(0, (int)count)[range];
            if (!item.IsEmpty)
            {
                names.Add(Encoding.UTF8.GetString(item));
            }
        }

        return names;
    }

    [Removexattr]
    private static Errno RemoveXattr(SourceNode node, ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength)
        {
            return Errno.ERANGE;
        }

        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node.Descriptor, procPath);
        fixed (byte* attribute = Terminated(name, stackalloc byte[name.Length + 1]))
        {
            return LibC.Check(LibC.removexattr(procPath, attribute));
        }
    }
}
