using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using FuseGen.Testing;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>
/// Writers that each own a few files in one directory and apply random create, write, read, rename (also over one
/// of their own files), unlink and truncate to them, keeping an in-memory model of every byte. Every read is
/// checked against the model while running; <see cref="Verify"/> then checks the directory listing and every
/// file's bytes and SHA-256 against the model.
/// </summary>
internal sealed class IntegrityWorkload
{
    private const int SlotsPerWriter = 4;
    private const int MaxWrite = 64 * 1024;
    private const int MaxSize = 512 * 1024;

    private readonly string root;
    private readonly string directory;
    private readonly Writer[] writers;
    private readonly ConcurrentQueue<string> errors = new();
    private long integrityErrors;

    /// <summary>Writers working in <paramref name="root"/>/<paramref name="directory"/> (created here).</summary>
    public IntegrityWorkload(string root, string directory, int writerCount, int seed)
    {
        this.root = root;
        this.directory = directory;
        var created = LibC.Mkdir(System.IO.Path.Combine(root, directory));
        if (created != 0)
        {
            throw new InvalidOperationException($"mkdir {root}/{directory} failed with errno {created}");
        }

        writers = Enumerable.Range(0, writerCount).Select(i => new Writer(this, i, seed + i)).ToArray();
    }

    /// <summary>Reads whose bytes differed from what the writers wrote (during the run and in <see cref="Verify"/>).</summary>
    public long IntegrityErrors => Interlocked.Read(ref integrityErrors);

    /// <summary>Unexpected failures (a system call's errno), integrity errors included.</summary>
    public IReadOnlyCollection<string> Errors => errors;

    public long Operations => writers.Sum(w => w.Counts.Values.Sum());

    public string Summary()
    {
        var totals = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var writer in writers)
        {
            foreach (var (name, count) in writer.Counts)
            {
                totals[name] = totals.GetValueOrDefault(name) + count;
            }
        }

        return $"{Operations} operations ({string.Join(", ", totals.Select(p => $"{p.Key} {p.Value}"))}), " +
            $"{writers.Sum(w => w.BytesWritten) / 1048576.0:0.0} MiB written, {writers.Sum(w => w.BytesRead) / 1048576.0:0.0} MiB read and checked";
    }

    /// <summary>Runs every writer on its own thread for <paramref name="duration"/>; false if one did not stop.</summary>
    public bool Run(TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var threads = writers.Select(w => new Thread(() => w.Run(clock, duration)) { IsBackground = true, Name = "writer " + w.Index }).ToList();
        threads.ForEach(t => t.Start());
        return threads.All(t => t.Join(duration + TimeSpan.FromSeconds(60)));
    }

    /// <summary>
    /// Lists the directory (exactly the model's names must be there) and reads every file in full through
    /// <paramref name="root"/> (the mount, or a pass-through's source): returns files and bytes verified.
    /// </summary>
    public (int Files, long Bytes) Verify(string root)
    {
        var expected = writers.SelectMany(w => w.Files()).ToDictionary(f => f.Name, f => f.Content, StringComparer.Ordinal);
        var (names, errno) = LibC.ListDirectory(System.IO.Path.Combine(root, directory));
        if (errno != 0)
        {
            Fail($"listing {root}/{directory} failed with errno {errno}");
            return (0, 0);
        }

        var listed = names.Select(n => Encoding.UTF8.GetString(n)).Where(n => !n.StartsWith(".fuse_hidden", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in expected.Keys.Where(n => !listed.Contains(n)))
        {
            Integrity($"{root}: {missing} is missing");
        }

        foreach (var extra in listed.Where(n => !expected.ContainsKey(n)))
        {
            Integrity($"{root}: {extra} exists but was unlinked or renamed away");
        }

        long bytes = 0;
        foreach (var (name, content) in expected)
        {
            var actual = ReadAll(System.IO.Path.Combine(root, directory, name), out var readErrno);
            if (actual is null)
            {
                Fail($"{root}: reading {name} failed with errno {readErrno}");
                continue;
            }

            if (!SHA256.HashData(actual).AsSpan().SequenceEqual(SHA256.HashData(content)))
            {
                Integrity($"{root}: {name} has {actual.Length} bytes differing from the {content.Length} written (first difference at {FirstDifference(actual, content)})");
            }

            bytes += actual.Length;
        }

        return (expected.Count, bytes);
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var common = Math.Min(a.Length, b.Length);
        var index = a.AsSpan(0, common).CommonPrefixLength(b.AsSpan(0, common));
        return index;
    }

    private static byte[]? ReadAll(string path, out int errno)
    {
        var (fd, openErrno) = LibC.Open(path, LibC.O_RDONLY);
        errno = openErrno;
        if (fd < 0)
        {
            return null;
        }

        try
        {
            var ((_, _, size), statErrno) = LibC.FStat(fd);
            if (statErrno != 0)
            {
                errno = statErrno;
                return null;
            }

            var buffer = new byte[size + 1];
            long total = 0;
            while (true)
            {
                var (count, readErrno) = LibC.PRead(fd, buffer.AsSpan((int)total), total);
                if (readErrno != 0)
                {
                    errno = readErrno;
                    return null;
                }

                if (count == 0)
                {
                    break;
                }

                total += count;
                if (total == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            return buffer.AsSpan(0, (int)total).ToArray();
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    private void Fail(string message)
    {
        errors.Enqueue(message);
    }

    private void Integrity(string message)
    {
        Interlocked.Increment(ref integrityErrors);
        errors.Enqueue("integrity: " + message);
    }

    private sealed class Writer
    {
        private readonly IntegrityWorkload workload;
        private readonly Random random;
        private readonly List<byte>?[] contents = new List<byte>?[SlotsPerWriter];
        private readonly string[] names = new string[SlotsPerWriter];
        private readonly string[] operations = { "create", "write", "write", "read", "read", "rename", "unlink", "truncate" };

        public Writer(IntegrityWorkload workload, int index, int seed)
        {
            this.workload = workload;
            Index = index;
            random = new Random(seed);
            for (var slot = 0; slot < SlotsPerWriter; slot++)
            {
                names[slot] = $"w{index}-s{slot}-0";
            }
        }

        public int Index { get; }

        public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

        public long BytesWritten { get; private set; }

        public long BytesRead { get; private set; }

        public IEnumerable<(string Name, byte[] Content)> Files()
        {
            for (var slot = 0; slot < SlotsPerWriter; slot++)
            {
                if (contents[slot] is { } content)
                {
                    yield return (names[slot], content.ToArray());
                }
            }
        }

        public void Run(Stopwatch clock, TimeSpan duration)
        {
            try
            {
                var generation = 0;
                while (clock.Elapsed < duration)
                {
                    var slot = random.Next(SlotsPerWriter);
                    var operation = contents[slot] is null ? "create" : operations[random.Next(operations.Length)];
                    Counts[operation] = Counts.GetValueOrDefault(operation) + 1;
                    switch (operation)
                    {
                        case "create":
                            Create(slot);
                            break;
                        case "write":
                            Write(slot);
                            break;
                        case "read":
                            Read(slot);
                            break;
                        case "rename":
                            Rename(slot, ++generation);
                            break;
                        case "unlink":
                            Check("unlink", LibC.Unlink(PathOf(slot)));
                            contents[slot] = null;
                            break;
                        case "truncate":
                            Truncate(slot);
                            break;
                    }
                }
            }
            catch (Exception e)
            {
                workload.Fail($"writer {Index} crashed: {e}");
            }
        }

        private string PathOf(int slot) => System.IO.Path.Combine(workload.root, workload.directory, names[slot]);

        private void Check(string what, int errno)
        {
            if (errno != 0)
            {
                workload.Fail($"writer {Index}: {what} failed with errno {errno}");
            }
        }

        private byte[] RandomBytes(int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        private void Create(int slot)
        {
            if (contents[slot] is not null)
            {
                return;
            }

            var data = RandomBytes(random.Next(MaxWrite * 2));
            var (fd, errno) = LibC.Open(PathOf(slot), LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL, 0x1A4);
            Check("create " + names[slot], errno);
            if (fd < 0)
            {
                return;
            }

            var (written, writeErrno) = LibC.PWrite(fd, data, 0);
            Check("write " + names[slot], writeErrno);
            Check("close " + names[slot], LibC.Close(fd));
            contents[slot] = new List<byte>(data.AsSpan(0, (int)Math.Max(0, written)).ToArray());
            BytesWritten += Math.Max(0, written);
        }

        private void Write(int slot)
        {
            var content = contents[slot]!;
            var offset = random.Next(Math.Min(content.Count + MaxWrite, MaxSize));
            var data = RandomBytes(1 + random.Next(MaxWrite));
            var (fd, errno) = LibC.Open(PathOf(slot), LibC.O_RDWR);
            Check("open " + names[slot], errno);
            if (fd < 0)
            {
                return;
            }

            var (written, writeErrno) = LibC.PWrite(fd, data, offset);
            Check($"write {names[slot]} at {offset}", writeErrno);
            Check("close " + names[slot], LibC.Close(fd));
            if (written > 0)
            {
                if (offset > content.Count)
                {
                    content.AddRange(new byte[offset - content.Count]);
                }

                for (var i = 0; i < written; i++)
                {
                    if (offset + i < content.Count)
                    {
                        content[offset + i] = data[i];
                    }
                    else
                    {
                        content.Add(data[i]);
                    }
                }

                BytesWritten += written;
            }
        }

        private void Read(int slot)
        {
            var actual = ReadAll(PathOf(slot), out var errno);
            if (actual is null)
            {
                workload.Fail($"writer {Index}: read {names[slot]} failed with errno {errno}");
                return;
            }

            BytesRead += actual.Length;
            var expected = contents[slot]!;
            if (actual.Length != expected.Count || !actual.AsSpan().SequenceEqual(expected.ToArray()))
            {
                workload.Integrity($"writer {Index}: {names[slot]} read back {actual.Length} bytes, expected {expected.Count} (first difference at {FirstDifference(actual, expected.ToArray())})");
            }
        }

        private void Rename(int slot, int generation)
        {
            // Half the time over another of this writer's files, which then goes away.
            var target = random.Next(SlotsPerWriter);
            if (target != slot && contents[target] is not null && random.Next(2) == 0)
            {
                Check($"rename {names[slot]} over {names[target]}", LibC.Rename(PathOf(slot), PathOf(target)));
                contents[target] = contents[slot];
                contents[slot] = null;
                names[slot] = $"w{Index}-s{slot}-{generation}";
                return;
            }

            var newName = $"w{Index}-s{slot}-{generation}";
            Check($"rename {names[slot]} to {newName}", LibC.Rename(PathOf(slot), System.IO.Path.Combine(workload.root, workload.directory, newName)));
            names[slot] = newName;
        }

        private void Truncate(int slot)
        {
            var content = contents[slot]!;
            var length = random.Next(Math.Min(content.Count + MaxWrite, MaxSize));
            Check($"truncate {names[slot]} to {length}", LibC.Truncate(PathOf(slot), length));
            if (length < content.Count)
            {
                content.RemoveRange(length, content.Count - length);
            }
            else
            {
                content.AddRange(new byte[length - content.Count]);
            }
        }
    }
}
