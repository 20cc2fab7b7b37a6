using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace FuseGen.PosixTests.Infrastructure;

/// <summary>
/// A small tree with what copying tools must get right: sizes around page and chunk boundaries, a sparse file, odd
/// names, modes, symlinks (relative, dangling, to a directory), a hard-link pair, an empty directory, an xattr, and
/// fixed past mtimes.
/// </summary>
internal static class SampleTree
{
    public static void Create(string root)
    {
        Sys.Mkdir(root);
        var random = new Random(2024);
        void File(string path, int size, uint mode = 0x1A4)
        {
            var data = new byte[size];
            random.NextBytes(data);
            Write(path, data, mode);
        }

        void Write(string path, ReadOnlySpan<byte> data, uint mode = 0x1A4)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            Sys.WriteFile(full, data);
            Sys.Chmod(full, mode);
        }

        Write("README.md", Encoding.UTF8.GetBytes("# sample\n\nA tree for round trips.\n"));
        Write("bin/tool.sh", "#!/bin/sh\necho tool\n"u8, 0x1ED);
        Write("data/empty", ReadOnlySpan<byte>.Empty);
        File("data/one", 1);
        File("data/page", 4096);
        File("data/page+1", 4097);
        File("data/chunk+1", 65537);
        File("data/random.bin", 1 << 20);
        File("deep/a/b/c/d/file.txt", 300);
        File("names/with space", 10);
        File("names/ünïcödé", 10);
        File("names/-dash", 10);
        File("names/.hidden", 10);
        File("private", 100, 0x180);
        File("readonly", 100, 0x124);
        File("hard/one", 5000);
        Sys.Link(Path.Combine(root, "hard/one"), Path.Combine(root, "hard/two"));
        Sys.Mkdir(Path.Combine(root, "empty-dir"));
        Sys.Symlink("../README.md", Path.Combine(root, "links-rel"));
        Directory.CreateDirectory(Path.Combine(root, "links"));
        Sys.Symlink("../README.md", Path.Combine(root, "links/rel"));
        Sys.Symlink("nowhere", Path.Combine(root, "links/dangling"));
        Sys.Symlink("../deep", Path.Combine(root, "links/dir"));
        Sys.SetXattr(Path.Combine(root, "README.md"), "user.origin", "sample tree"u8);

        var sparse = Sys.Open(Path.Combine(root, "data/sparse"), LibC.O_RDWR | LibC.O_CREAT, 0x1A4);
        Sys.WriteAt(sparse, "in the middle"u8, 1 << 20);
        Sys.Truncate(sparse, 2 << 20);
        Sys.Close(sparse);

        // Past times, deepest entries first so setting a directory's time comes after its contents changed.
        var time = 1_600_000_000L;
        foreach (var entry in Entries(root).OrderByDescending(e => e.Count(c => c == '/')).ThenBy(e => e, StringComparer.Ordinal))
        {
            time += 3600;
            Sys.SetTimes(entry, Sys.Time(time * 1_000_000_000), Sys.Time(time * 1_000_000_000));
        }
    }

    /// <summary>Every entry below <paramref name="directory"/>, not following symlinks.</summary>
    private static IEnumerable<string> Entries(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            yield return entry;
            if (Sys.LStat(entry).Type == LibC.S_IFDIR)
            {
                foreach (var below in Entries(entry))
                {
                    yield return below;
                }
            }
        }
    }
}
