using System;
using System.Threading.Tasks;
using FuseGen;

namespace Misuse;

[FuseFileSystem]
public partial class Uncallable
{
    [Getattr]
    private static Errno Generic<T>(ref Stat stat) => Errno.None; // expect: FUSE006

    [Open]
    private static async void Async(string path) => await Task.Yield(); // expect: FUSE006

    [Unlink]
    private static void Params(params string[] paths) { } // expect: FUSE006
}
