using System;
using FuseGen;

namespace Misuse;

[FuseFileSystem]
public partial class Duplicates
{
    [Getattr]
    private static Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat) => Errno.None;

    [Mkdir]
    private static void First(string path) { }

    [Mkdir] // expect: FUSE004
    private static void Second(string path) { }

    [Unlink]
    [Rmdir] // expect: FUSE005
    private static void Both(string path) { }
}
