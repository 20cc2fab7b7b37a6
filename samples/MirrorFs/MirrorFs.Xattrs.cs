using System;
using System.Threading;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// Extended attributes of the node itself, never of what a symbolic link points at: the node is opened with
/// <c>O_PATH|O_NOFOLLOW</c> and the attribute calls go to <c>/proc/self/fd/N</c> (as passthrough_hp does). The magic
/// link leads to the node, a symbolic link included, for every file type and any depth of path. getxattr, which the
/// kernel sends before every write (for <c>security.capability</c>), takes one <c>getxattrat</c> call relative to the
/// resolved directory instead where the kernel has it (6.13+).
/// </summary>
internal sealed unsafe partial class MirrorFs
{
    // XATTR_NAME_MAX; the kernel refuses longer names before asking.
    private const int MaxNameLength = 255;

    // Set once getxattrat(2) answers ENOSYS (kernels before 6.13, or a seccomp filter that hides it).
    private static bool noGetxattrat;

    [Setxattr]
    private Errno SetExtendedAttribute(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int flags)
    {
        if (name.Length > MaxNameLength)
        {
            return Errno.ERANGE;
        }

        var node = OpenNode(path);
        if (node < 0)
        {
            return (Errno)(-node);
        }

        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node, procPath);
        try
        {
            fixed (byte* attribute = SourcePath.Terminated(name, stackalloc byte[MaxNameLength + 1]))
            fixed (byte* bytes = value)
            {
                return LibC.Check(LibC.setxattr(procPath, attribute, bytes, (nuint)value.Length, flags));
            }
        }
        finally
        {
            LibC.close(node);
        }
    }

    /// <summary>The value's length; with an empty buffer only measured (FuseGen's size probe), ERANGE when too small.</summary>
    [Getxattr]
    private int GetExtendedAttribute(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, Span<byte> buffer)
    {
        if (name.Length > MaxNameLength)
        {
            return -(int)Errno.ERANGE;
        }

        var atResult = GetExtendedAttributeAt(path, name, buffer);
        if (atResult != -(int)Errno.ENOSYS)
        {
            return atResult;
        }

        var node = OpenNode(path);
        if (node < 0)
        {
            return node;
        }

        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node, procPath);
        try
        {
            fixed (byte* attribute = SourcePath.Terminated(name, stackalloc byte[MaxNameLength + 1]))
            fixed (byte* value = buffer)
            {
                return LibC.Count(LibC.getxattr(procPath, attribute, value, (nuint)buffer.Length));
            }
        }
        finally
        {
            LibC.close(node);
        }
    }

    /// <summary>The names, NUL-separated; sized and range-checked like <see cref="GetExtendedAttribute"/>.</summary>
    [Listxattr]
    private int ListExtendedAttributes(ReadOnlySpan<byte> path, Span<byte> buffer)
    {
        var node = OpenNode(path);
        if (node < 0)
        {
            return node;
        }

        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node, procPath);
        try
        {
            fixed (byte* list = buffer)
            {
                return LibC.Count(LibC.listxattr(procPath, list, (nuint)buffer.Length));
            }
        }
        finally
        {
            LibC.close(node);
        }
    }

    [Removexattr]
    private Errno RemoveExtendedAttribute(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength)
        {
            return Errno.ERANGE;
        }

        var node = OpenNode(path);
        if (node < 0)
        {
            return (Errno)(-node);
        }

        var procPath = stackalloc byte[ProcPath.Size];
        ProcPath.Write(node, procPath);
        try
        {
            fixed (byte* attribute = SourcePath.Terminated(name, stackalloc byte[MaxNameLength + 1]))
            {
                return LibC.Check(LibC.removexattr(procPath, attribute));
            }
        }
        finally
        {
            LibC.close(node);
        }
    }

    /// <summary>
    /// getxattrat(dir, name, AT_SYMLINK_NOFOLLOW): the value's length or -errno; -ENOSYS (remembered) where the kernel
    /// lacks it, and then the /proc path is the way.
    /// </summary>
    private int GetExtendedAttributeAt(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, Span<byte> buffer)
    {
        if (Volatile.Read(ref noGetxattrat))
        {
            return -(int)Errno.ENOSYS;
        }

        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return -(int)error;
        }

        using (at)
        {
            fixed (byte* attribute = SourcePath.Terminated(name, stackalloc byte[MaxNameLength + 1]))
            fixed (byte* value = buffer)
            {
                var args = new LibC.XattrArgs { Value = (ulong)value, Size = (uint)buffer.Length };
                var result = LibC.syscall6(LibC.SYS_getxattrat, at.Directory, (nint)at.Name, LibC.AT_SYMLINK_NOFOLLOW, (nint)attribute, (nint)(&args), sizeof(LibC.XattrArgs));
                if (result >= 0)
                {
                    return (int)result;
                }

                var errno = LibC.LastErrno;
                if (errno == Errno.ENOSYS)
                {
                    Volatile.Write(ref noGetxattrat, true);
                }

                return -(int)errno;
            }
        }
    }

    /// <summary>An <c>O_PATH|O_NOFOLLOW</c> descriptor of the node, or -errno.</summary>
    private int OpenNode(ReadOnlySpan<byte> path)
    {
        var error = Resolve(path, out var at);
        if (error != Errno.None)
        {
            return -(int)error;
        }

        using (at)
        {
            var fd = LibC.openat(at.Directory, at.Name, LibC.O_PATH | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
            return fd >= 0 ? fd : -(int)LibC.LastErrno;
        }
    }
}
