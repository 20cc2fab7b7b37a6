// Copy of samples/HelloFs: static methods over spans, the shape most filesystems start from.
using System;
using UnixFileMode = System.IO.UnixFileMode;
using FuseGen;

namespace HelloFs;

/// <summary>A read-only filesystem with one file, <c>/hello</c>, containing "Hello World!".</summary>
[FuseFileSystem]
public sealed partial class HelloFs
{
    private const UnixFileMode ReadAll = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode SearchAll = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private static readonly TimeSpec Created = TimeSpec.UtcNow;

    private static ReadOnlySpan<byte> Text => "Hello World!\n"u8;

    [Getattr]
    private static Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat)
    {
        stat.SetAllTimes(Created);
        if (path.SequenceEqual("/"u8))
        {
            stat.Type = FileType.Directory;
            stat.Permissions = ReadAll | SearchAll | UnixFileMode.UserWrite;
            stat.Links = 2;
            return Errno.None;
        }

        if (path.SequenceEqual("/hello"u8))
        {
            stat.Type = FileType.Regular;
            stat.Permissions = ReadAll;
            stat.Links = 1;
            stat.Size = Text.Length;
            return Errno.None;
        }

        return Errno.ENOENT;
    }

    [Readdir]
    private static Errno ReadDir(ReadOnlySpan<byte> path, ref DirectoryFiller entries)
    {
        if (!path.SequenceEqual("/"u8))
        {
            return Errno.ENOENT;
        }

        entries.Add("."u8);
        entries.Add(".."u8);
        entries.Add("hello"u8);
        return Errno.None;
    }

    [Open]
    private static Errno Open(ReadOnlySpan<byte> path, ref FileInfo file)
    {
        if (!path.SequenceEqual("/hello"u8))
        {
            return Errno.ENOENT;
        }

        return file.AccessMode == OpenFlags.ReadOnly ? Errno.None : Errno.EACCES;
    }

    [Read]
    private static int Read(ReadOnlySpan<byte> path, Span<byte> buffer, long offset)
    {
        if (!path.SequenceEqual("/hello"u8))
        {
            return -(int)Errno.ENOENT;
        }

        if (offset >= Text.Length)
        {
            return 0;
        }

        var chunk = Text.Slice((int)offset);
        var count = Math.Min(chunk.Length, buffer.Length);
        chunk.Slice(0, count).CopyTo(buffer);
        return count;
    }

    [Statfs]
    private static void StatFs(ref StatVfs stat)
    {
        stat.BlockSize = 4096;
        stat.Blocks = 1;
        stat.Files = 2;
        stat.MaxNameLength = 255;
    }

    private static int Main(string[] args) => Fuse.Main(new HelloFs(), args);
}
