using System;
using System.Collections.Generic;
using FuseGen;

namespace Misuse;

public sealed class FileHandle
{
}

public sealed class OtherHandle
{
}

public sealed class DirectoryHandle
{
}

[FuseFileSystem]
public partial class Handles
{
    [Getattr]
    private static Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;

    [Open]
    private static FileHandle Open(ReadOnlySpan<byte> path) => new(); // expect: FUSE010

    [Read]
    private static int Read(Span<byte> buffer, long offset, OtherHandle handle) => 0; // expect: FUSE008

    [Readdir]
    private static void Readdir(ref DirectoryFiller entries, DirectoryHandle directory) { } // expect: FUSE009

    [Write]
    private static int Write(string path, ReadOnlySpan<byte> data, long offset) => data.Length; // expect: FUSE012
}

[FuseFileSystem]
public partial class NoGetattr // expect: FUSE011
{
    [Create]
    private static void Create(ReadOnlySpan<byte> path, uint mode) { }
}

[FuseFileSystem]
public abstract partial class Abstract // expect: FUSE002
{
    [Getattr]
    private static Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;
}

[FuseFileSystem]
public partial class Shapes
{
    [Getattr]
    private static Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;

    [Readdir]
    private static IEnumerable<string> Iterator(string path) { yield return "."; } // expect: FUSE006

    [Unlink]
    private static Errno Optional(ReadOnlySpan<byte> path, int retries = 3) => Errno.None; // expect: FUSE001
}
