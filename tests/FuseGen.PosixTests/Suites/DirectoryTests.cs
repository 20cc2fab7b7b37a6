using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>mkdir/rmdir errors, name length limits, and listings of large directories that change while listed.</summary>
public sealed class DirectoryTests : PosixSuite
{
    public DirectoryTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Directory_operations_fail_as_posix_says(string target)
    {
        var dir = Directory(target);
        string P(string name) => Path.Combine(dir, name);
        Sys.Mkdir(P("d"));
        Sys.WriteFile(P("d/f"), "x"u8);
        Sys.WriteFile(P("file"), "x"u8);

        Assert.Equal(Errno.EEXIST, Sys.Fails(() => Sys.Mkdir(P("d"))));
        Assert.Equal(Errno.EEXIST, Sys.Fails(() => Sys.Mkdir(P("file"))));
        Assert.Equal(Errno.ENOTEMPTY, Sys.Fails(() => Sys.Rmdir(P("d"))));
        Assert.Equal(Errno.ENOTDIR, Sys.Fails(() => Sys.Rmdir(P("file"))));
        Assert.Equal(Errno.EISDIR, Sys.Fails(() => Sys.Unlink(P("d"))));
        Assert.Equal(Errno.ENOENT, Sys.Fails(() => Sys.Rmdir(P("missing"))));
        Assert.Equal(Errno.ENOENT, Sys.Fails(() => Sys.Mkdir(P("missing/d"))));
        Assert.Equal(Errno.ENOTDIR, Sys.Fails(() => Sys.Mkdir(P("file/d"))));

        Sys.Unlink(P("d/f"));
        Sys.Rmdir(P("d"));
        Assert.Equal(Errno.ENOENT, Sys.Fails(() => Sys.Stat(P("d"))));
    }

    [Theory, Control, Mounted]
    public void Names_up_to_255_bytes_work_and_longer_ones_are_ENAMETOOLONG(string target)
    {
        var dir = Directory(target);
        var longest = Path.Combine(dir, new string('a', 255));
        var tooLong = Path.Combine(dir, new string('b', 256));
        var muchTooLong = Path.Combine(dir, new string('c', 1000));
        Sys.WriteFile(longest, "x"u8);
        Assert.Equal(1, Sys.Stat(longest).Size);
        var twoByteCharacters = Path.Combine(dir, new string('é', 127)); // 254 bytes
        Sys.Mkdir(twoByteCharacters);

        foreach (var name in new[] { tooLong, muchTooLong, Path.Combine(dir, new string('é', 128)) })
        {
            Assert.Equal(Errno.ENAMETOOLONG, Sys.Fails(() => Sys.Open(name, LibC.O_WRONLY | LibC.O_CREAT)));
            Assert.Equal(Errno.ENAMETOOLONG, Sys.Fails(() => Sys.Mkdir(name)));
            Assert.Equal(Errno.ENAMETOOLONG, Sys.Fails(() => Sys.Symlink("x", name)));
            Assert.Equal(Errno.ENAMETOOLONG, Sys.Fails(() => Sys.Link(longest, name)));
            Assert.Equal(Errno.ENAMETOOLONG, Sys.Fails(() => Sys.Rename(longest, name)));
            Assert.Equal(Errno.ENAMETOOLONG, Sys.Fails(() => Sys.Stat(name)));
        }

        Assert.Equal(2, System.IO.Directory.GetFileSystemEntries(dir).Length);
    }

    [Theory, Control, Mounted]
    public void Listing_five_thousand_entries_returns_each_once(string target)
    {
        var dir = Directory(target);
        var names = Enumerable.Range(0, 5000).Select(i => $"entry-{i:D5}-{new string('x', i % 40)}").ToList();
        foreach (var name in names)
        {
            Sys.Close(Sys.Open(Path.Combine(dir, name), LibC.O_WRONLY | LibC.O_CREAT));
        }

        for (var pass = 0; pass < 2; pass++)
        {
            var listed = System.IO.Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).ToList();
            Assert.Equal(names.Count, listed.Count);
            Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), listed.OrderBy(n => n, StringComparer.Ordinal));
        }

        Assert.Equal(2u, Sys.Stat(dir).Links);
    }

    /// <summary>
    /// POSIX leaves it open whether entries added or removed during a listing appear, but every entry that exists
    /// throughout must appear exactly once, however the listing is split into getdents calls.
    /// </summary>
    [Theory, Control, Mounted]
    public void Listing_while_the_directory_changes_neither_skips_nor_repeats_survivors(string target)
    {
        var dir = Directory(target);
        var stable = Enumerable.Range(0, 3000).Select(i => $"stable-{i:D4}").ToHashSet();
        var doomed = Enumerable.Range(0, 1500).Select(i => $"doomed-{i:D4}").ToList();
        foreach (var name in stable.Concat(doomed))
        {
            Sys.Close(Sys.Open(Path.Combine(dir, name), LibC.O_WRONLY | LibC.O_CREAT));
        }

        using var stop = new CancellationTokenSource();
        var changes = 0;
        var churn = new Thread(() =>
        {
            var next = 0;
            while (!stop.IsCancellationRequested)
            {
                if (next < doomed.Count)
                {
                    Sys.Unlink(Path.Combine(dir, doomed[next]));
                }

                Sys.Close(Sys.Open(Path.Combine(dir, $"added-{next:D5}"), LibC.O_WRONLY | LibC.O_CREAT));
                if (next % 3 == 0)
                {
                    Sys.Rename(Path.Combine(dir, $"added-{next:D5}"), Path.Combine(dir, $"renamed-{next:D5}"));
                }

                next++;
                Interlocked.Increment(ref changes);
            }
        });
        churn.Start();
        try
        {
            for (var pass = 0; pass < 4; pass++)
            {
                var seen = new Dictionary<string, int>();
                foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(dir))
                {
                    var name = Path.GetFileName(entry)!;
                    seen[name] = seen.GetValueOrDefault(name) + 1;
                }

                var repeated = seen.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();
                Assert.True(repeated.Count == 0, $"pass {pass}: listed more than once: {string.Join(", ", repeated.Take(10))}");
                var missing = stable.Where(name => !seen.ContainsKey(name)).ToList();
                Assert.True(missing.Count == 0, $"pass {pass}: skipped {missing.Count} entries that existed throughout, e.g. {string.Join(", ", missing.Take(10))}");
            }
        }
        finally
        {
            stop.Cancel();
            churn.Join();
        }

        Assert.True(Volatile.Read(ref changes) > 0, "the directory never changed during the listings");
    }
}
