using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>Several threads using one directory at once (a mounted filesystem serves them on several threads).</summary>
public sealed class ConcurrencyTests : PosixSuite
{
    private const int Threads = 4;

    public ConcurrencyTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Parallel_create_write_rename_link_and_unlink_keep_every_file_intact(string target)
    {
        var dir = Directory(target);
        var expected = new Dictionary<string, byte[]>[Threads];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var random = new Random(thread);
            var mine = expected[thread] = new Dictionary<string, byte[]>();
            for (var i = 0; i < 120; i++)
            {
                var data = new byte[random.Next(0, 150_000)];
                random.NextBytes(data);
                var name = Path.Combine(dir, $"t{thread}-{i}");
                Sys.WriteFile(name, data);
                Assert.Equal(data, Sys.ReadFile(name));
                var renamed = Path.Combine(dir, $"r{thread}-{i}");
                Sys.Rename(name, renamed);
                Sys.Link(renamed, Path.Combine(dir, $"l{thread}-{i}"));
                Assert.Equal(2u, Sys.Stat(renamed).Links);
                if (i % 2 == 0)
                {
                    Sys.Unlink(renamed);
                    mine[$"l{thread}-{i}"] = data;
                }
                else
                {
                    mine[$"r{thread}-{i}"] = data;
                    mine[$"l{thread}-{i}"] = data;
                }
            }
        });

        var all = expected.SelectMany(d => d).ToDictionary(kv => kv.Key, kv => kv.Value);
        var listed = System.IO.Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(all.Keys.Order(StringComparer.Ordinal), listed);
        foreach (var (name, data) in all)
        {
            Assert.Equal(data, Sys.ReadFile(Path.Combine(dir, name)));
        }
    }

    [Theory, Control, Mounted]
    public void Parallel_appends_interleave_whole_records(string target)
    {
        var file = Path.Combine(Directory(target), "log");
        Sys.WriteFile(file, ReadOnlySpan<byte>.Empty);
        const int records = 300;
        const int size = 1000;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var fd = Sys.Open(file, LibC.O_WRONLY | LibC.O_APPEND);
            for (var i = 0; i < records; i++)
            {
                var record = new byte[size];
                Array.Fill(record, (byte)('A' + thread));
                BitConverter.TryWriteBytes(record.AsSpan(0, 4), i);
                Sys.Write(fd, record);
            }

            Sys.Close(fd);
        });

        var content = Sys.ReadFile(file);
        Assert.Equal(Threads * records * size, content.Length);
        var next = new int[Threads];
        for (var offset = 0; offset < content.Length; offset += size)
        {
            var thread = content[offset + size - 1] - 'A';
            Assert.InRange(thread, 0, Threads - 1);
            Assert.All(content.AsSpan(offset + 4, size - 4).ToArray(), b => Assert.Equal('A' + thread, b));
            Assert.Equal(next[thread]++, BitConverter.ToInt32(content, offset));
        }
    }
}
