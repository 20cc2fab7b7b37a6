using System;
using System.Threading.Tasks;
using FuseGen;

namespace Misuse;

[FuseFileSystem]
public partial class Blocking
{
    [Getattr]
    private static Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat)
    {
        stat.Size = Fetch().Result; // expect: FUSE019
        return Errno.None;
    }

    [Read]
    private static int Read(ReadOnlySpan<byte> path, Span<byte> buffer, long offset) => Fetch().GetAwaiter().GetResult(); // expect: FUSE019

    private static Task<int> Fetch() => Task.FromResult(0);
}
