// The operations of libfuse 3.18 (statx) and 3.19 (syncfs) in their other shapes: string path, raw flags and mask, a
// typed handle, an instance syncfs that leaves the path out.
using System;
using FuseGen;

namespace Samples.Newer;

[FuseFileSystem]
internal sealed partial class NewerOperationsFs
{
    private int syncs;

    [Getattr]
    private static void Getattr(ReadOnlySpan<byte> path, ref Stat stat) => stat.Type = path.Length == 1 ? FileType.Directory : FileType.Regular;

    [Open]
    private static OpenFile Open(string path) => new(path);

    [Release]
    private static void Release(OpenFile file) => file.Close();

    [Statx]
    private static int Statx(string path, int flags, int mask, ref Statx statx, OpenFile? file)
    {
        statx.Type = path.Length == 1 ? FileType.Directory : FileType.Regular;
        statx.BirthTime = new TimeSpec(flags, mask);
        return file is null ? 0 : file.Path.Length;
    }

    [Syncfs]
    private void Syncfs() => syncs++;

    internal sealed class OpenFile
    {
        public OpenFile(string path) => Path = path;

        public string Path { get; }

        public void Close()
        {
        }
    }
}
