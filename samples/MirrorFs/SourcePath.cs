using System;
using System.Runtime.InteropServices;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// A FUSE path as the <c>*at</c> system calls take it: a directory descriptor and a NUL-terminated name relative to
/// it. Never the source directory's path glued to the FUSE path: that breaks as soon as the two together pass
/// PATH_MAX, and follows whatever the source path's components point at by then.
/// </summary>
/// <remarks>
/// <para>The FUSE path loses its leading '/' and becomes relative to the source descriptor ("/" becomes ".").</para>
/// <para>A relative path the kernel would refuse (PATH_MAX bytes or more, NUL included) is walked in pieces: each
/// piece of whole components shorter than PATH_MAX is opened with <c>O_PATH|O_DIRECTORY|O_NOFOLLOW</c> relative to
/// the previous one, and the name that remains is relative to the last descriptor, which this value owns. So trees
/// of any depth work.</para>
/// </remarks>
internal unsafe ref struct SourcePath
{
    private byte* name;

    // The descriptor this value opened, plus one: a default value owns nothing.
    private int ownedPlusOne;

    private SourcePath(int directory, int ownedDirectory, byte* name, int length)
    {
        Directory = directory;
        ownedPlusOne = ownedDirectory + 1;
        this.name = name;
        Length = length;
    }

    /// <summary>The directory <see cref="Name"/> is relative to.</summary>
    public int Directory { get; }

    /// <summary>The NUL-terminated name relative to <see cref="Directory"/>.</summary>
    public readonly byte* Name => name;

    /// <summary>Length of <see cref="Name"/> without the NUL.</summary>
    public int Length { get; }

    /// <summary>Resolves <paramref name="fusePath"/> against <paramref name="root"/>; fails only for paths of PATH_MAX bytes or more whose directories cannot be opened.</summary>
    public static Errno Resolve(int root, ReadOnlySpan<byte> fusePath, out SourcePath location)
    {
        location = default;
        var relative = fusePath.Length > 0 && fusePath[0] == (byte)'/' ? fusePath.Slice(1) : fusePath;
        if (relative.IsEmpty)
        {
            relative = "."u8;
        }

        var directory = root;
        var owned = -1;
        Span<byte> piece = stackalloc byte[LibC.PATH_MAX];
        while (relative.Length >= LibC.PATH_MAX)
        {
            // The longest run of whole components that fits, opened as a directory; names are at most 255 bytes,
            // so there is always a '/' in the first PATH_MAX bytes of a longer path.
            var cut = relative.Slice(0, LibC.PATH_MAX - 1).LastIndexOf((byte)'/');
            if (cut <= 0)
            {
                Close(owned);
                return Errno.ENAMETOOLONG;
            }

            int next;
            fixed (byte* text = Terminated(relative.Slice(0, cut), piece))
            {
                next = LibC.openat(directory, text, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
            }

            if (next < 0)
            {
                var error = LibC.LastErrno;
                Close(owned);
                return error;
            }

            Close(owned);
            directory = owned = next;
            relative = relative.Slice(cut + 1);
        }

        var copy = (byte*)NativeMemory.Alloc((nuint)relative.Length + 1);
        relative.CopyTo(new Span<byte>(copy, relative.Length));
        copy[relative.Length] = 0;
        location = new SourcePath(directory, owned, copy, relative.Length);
        return Errno.None;
    }

    /// <summary>Copies <paramref name="text"/> into <paramref name="buffer"/> with a terminating NUL.</summary>
    public static Span<byte> Terminated(ReadOnlySpan<byte> text, Span<byte> buffer)
    {
        text.CopyTo(buffer);
        buffer[text.Length] = 0;
        return buffer;
    }

    /// <summary>Frees the name and closes the directory descriptor this value opened, if any.</summary>
    public void Dispose()
    {
        if (name != null)
        {
            NativeMemory.Free(name);
            name = null;
        }

        Close(ownedPlusOne - 1);
        ownedPlusOne = 0;
    }

    private static void Close(int fd)
    {
        if (fd >= 0)
        {
            LibC.close(fd);
        }
    }
}
