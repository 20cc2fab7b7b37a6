using System;
using System.Threading.Tasks;
using FuseGen;

namespace Misuse;

[FuseFileSystem]
public partial class WrongSignatures
{
    [Getattr]
    private static Errno StatNotByRef(ReadOnlySpan<byte> path, Stat stat) => Errno.None; // expect: FUSE001

    [Read]
    private static int ReadOnlyBuffer(ReadOnlySpan<byte> path, ReadOnlySpan<byte> buffer, long offset) => 0; // expect: FUSE001

    [Write]
    private static int WritableData(Span<byte> data, long offset) => data.Length; // expect: FUSE001

    [Open]
    private static Task<int> AsyncShaped(string path) => Task.FromResult(0); // expect: FUSE001

    [Readlink]
    private static int NoBuffer(string path) => 0; // expect: FUSE001

    [Statfs]
    private static Errno MissingStat(string path) => Errno.None; // expect: FUSE001
}
