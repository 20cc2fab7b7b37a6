using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.ReliabilityTests.FileSystems;
using FuseGen.ReliabilityTests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// Faults injected into every operation of an in-process filesystem, from several threads at once: each reaches the
/// caller as the errno README documents, each exception other than <see cref="FuseException"/> reaches
/// <see cref="MountOptions.FaultHandler"/> exactly once, and the filesystem keeps serving.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class FaultInjectionTests : MountTest
{
    private const int Workers = 4;
    private static readonly byte[] Content = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7 + 3)).ToArray();

    /// <summary>README's table: what each exception becomes. Reported: everything but FuseException.</summary>
    private static readonly (string Name, Func<Exception> Make, int Errno)[] Exceptions =
    {
        ("FuseException(EROFS)", () => new FuseException(Errno.EROFS), 30),
        ("FuseException(EDQUOT)", () => new FuseException(Errno.EDQUOT, "over quota"), 122),
        ("FileNotFoundException", () => new FileNotFoundException("injected"), LibC.ENOENT),
        ("DirectoryNotFoundException", () => new DirectoryNotFoundException("injected"), LibC.ENOENT),
        ("UnauthorizedAccessException", () => new UnauthorizedAccessException("injected"), LibC.EACCES),
        ("NotSupportedException", () => new NotSupportedException("injected"), 95),
        ("IOException(ENOSPC)", () => new IOException("injected", LibC.ENOSPC), LibC.ENOSPC),
        ("IOException(EDQUOT)", () => new IOException("injected", 122), 122),
        ("IOException(no errno)", () => new IOException("injected"), LibC.EIO),
        ("OutOfMemoryException", () => new OutOfMemoryException("injected"), LibC.ENOMEM),
        ("PathTooLongException", () => new PathTooLongException("injected"), LibC.ENAMETOOLONG),
        ("ArgumentException", () => new ArgumentException("injected"), LibC.EINVAL),
        ("TimeoutException", () => new TimeoutException("injected"), 110),
        ("OperationCanceledException", () => new OperationCanceledException("injected"), LibC.EINTR),
        ("Win32Exception(EBUSY)", () => new Win32Exception(16, "injected"), 16),
        ("AggregateException(IOException(EXDEV))", () => new AggregateException(new IOException("injected", 18)), 18),
        ("InvalidOperationException", () => new InvalidOperationException("injected"), LibC.EIO),
        ("NullReferenceException", () => new NullReferenceException("injected"), LibC.EIO),
        ("KeyNotFoundException", () => new KeyNotFoundException("injected"), LibC.EIO),
        ("custom exception", () => new InjectedException(), LibC.EIO),
    };

    /// <summary>Errnos returned as results (not thrown): passed through as they are, never reported.</summary>
    private static readonly Errno[] Returned = { Errno.EPERM, Errno.EACCES, Errno.EAGAIN, Errno.ENOSPC, Errno.EROFS, Errno.EMLINK, Errno.ENOTEMPTY, Errno.EOVERFLOW };

    /// <summary>Operations a caller can see fail, with the system call that reaches them.</summary>
    private static readonly string[] CallerOperations =
    {
        "getattr", "open", "create", "read", "write", "flush", "fsync", "truncate", "unlink", "mkdir", "rmdir", "rename",
        "chmod", "utimens", "statfs", "opendir", "readdir",
    };

    /// <summary>Operations whose errors no caller sees (the kernel sends them after close returned).</summary>
    private static readonly string[] SilentOperations = { "release", "releasedir" };

    public FaultInjectionTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Every_injected_fault_reaches_the_caller_as_its_errno_under_concurrent_load()
    {
        var plan = new FaultPlan();
        var fs = new FaultFs(plan);
        var reports = new FaultLog();
        var duration = Scale.Pick(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(90));
        for (var w = 0; w < Workers; w++)
        {
            fs.Seed($"/w{w}/data", Content);
            foreach (var child in new[] { "a", "b", "c", "d" })
            {
                fs.Seed($"/w{w}/dir/{child}", new byte[] { 1 });
            }
        }

        var mount = InProcessMount.Start(fs, Options(reports), Output, duration + TimeSpan.FromSeconds(60));
        var tally = new Tally();
        var failures = new ConcurrentQueue<string>();
        try
        {
            var clock = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, Workers).Select(w => new Thread(() =>
            {
                try
                {
                    new Worker(w, mount, plan, fs, tally, failures).Run(clock, duration);
                }
                catch (Exception e)
                {
                    failures.Enqueue($"worker {w} crashed: {e}");
                }
            }) { IsBackground = true, Name = "fault worker " + w }).ToList();
            threads.ForEach(t => t.Start());
            foreach (var thread in threads)
            {
                Assert.True(thread.Join(duration + TimeSpan.FromSeconds(45)), $"{thread.Name} did not finish: a faulted request hangs");
            }

            // Releases arrive after close returned: wait until every handle came back.
            Assert.True(SpinWait.SpinUntil(() => mount.Mount.OpenHandles == 0 && fs.OpenFiles == 0 && fs.OpenDirectories == 0, TimeSpan.FromSeconds(10)),
                $"handles still held after every descriptor was closed: FuseGen table {mount.Mount.OpenHandles}, files {fs.OpenFiles}, directories {fs.OpenDirectories}");

            // Still serving: a full healthy round after all the faults.
            plan.Clear();
            AssertHealthy(mount, Workers);
        }
        finally
        {
            mount.Dispose();
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} failures, first ones:\n{string.Join("\n", failures.Take(20))}");
        var (reportedOnce, problems) = reports.Verify(plan);
        Assert.True(problems.Count == 0, $"fault handler mismatches:\n{string.Join("\n", problems.Take(20))}");

        Output.WriteLine($"fault injection ({Scale.Name}, {duration.TotalSeconds:0} s, {Workers} threads): {tally}");
        Output.WriteLine($"  exceptions thrown {plan.Thrown.Count} (reported exactly once: {reportedOnce}; FuseException, not reported: {plan.Thrown.Keys.Count(e => e is FuseException)}), null handles {plan.NullHandles.Values.Sum()}");
        Output.WriteLine($"  by operation: {tally.ByOperation}");
        Assert.True(tally.Injected > 100, $"too few faults injected to mean anything: {tally.Injected}");
        Assert.Equal(tally.Injected, tally.Survived);
    }

    [MountFact]
    public void Init_and_destroy_faults_are_reported_once_and_the_mount_still_serves_and_stops()
    {
        var plan = new FaultPlan();
        plan.Add("init", null, Fault.Throw(() => new InvalidOperationException("init is broken on purpose")));
        plan.Add("destroy", null, Fault.Throw(() => new IOException("destroy is broken on purpose", LibC.ENOSPC)));
        var fs = new FaultFs(plan);
        fs.Seed("/file", Content);
        var reports = new FaultLog();
        var mount = InProcessMount.Start(fs, Options(reports), Output);
        try
        {
            Assert.Equal((Content.Length, 0), (LibC.Stat(mount["file"]).Stat.Size, LibC.Stat(mount["file"]).Errno));
            AssertReads(mount["file"]);
            var init = Assert.Single(reports.All);
            Assert.Equal("init", init.Operation);
            Assert.IsType<InvalidOperationException>(init.Exception);

            Assert.True(mount.Unmount(TimeSpan.FromSeconds(15)), "Unmount did not finish after a throwing destroy");
        }
        finally
        {
            mount.Dispose();
        }

        Assert.Equal(1, fs.Destroyed);
        Assert.Equal(new[] { "init", "destroy" }, reports.All.Select(f => f.Operation));
        Assert.Equal(Errno.ENOSPC, reports.All[1].Errno);
        Assert.Equal(0, mount.Mount.Completion.Result);
        (_, var problems) = reports.Verify(plan);
        Assert.Empty(problems);
    }

    [MountFact]
    public void Typed_handle_faults_answer_their_errno_and_every_handle_is_freed()
    {
        var plan = new FaultPlan();
        var fs = new FaultFs(plan);
        fs.Seed("/file", Content);
        fs.Seed("/dir/a", new byte[] { 1 });
        fs.Seed("/dir/b", new byte[] { 2 });
        var reports = new FaultLog();
        var mount = InProcessMount.Start(fs, Options(reports), Output);
        try
        {
            // open returns a handle, then read throws: the handle stays usable.
            var (fd, errno) = LibC.Open(mount["file"], LibC.O_RDWR);
            Assert.Equal(0, errno);
            var rule = plan.Add("read", "/file", Fault.Throw(() => new InvalidOperationException("read of an open handle")));
            Assert.Equal(LibC.EIO, LibC.PRead(fd, new byte[100], 0).Errno);
            plan.Remove(rule);
            var buffer = new byte[100];
            Assert.Equal(100, LibC.PRead(fd, buffer, 0).Count);
            Assert.Equal(Content[..100], buffer);
            Assert.Equal(1, mount.Mount.OpenHandles);

            // release throws: the close succeeds, the fault is reported, and the handle is freed anyway.
            rule = plan.Add("release", "/file", Fault.Throw(() => new InvalidOperationException("release is broken")));
            Assert.Equal(0, LibC.Close(fd));
            Assert.True(SpinWait.SpinUntil(() => rule.Hits == 1 && mount.Mount.OpenHandles == 0, TimeSpan.FromSeconds(10)), "the release did not free the handle");
            plan.Remove(rule);

            // open returns null: EIO, reported as the filesystem's bug, no handle stored.
            rule = plan.Add("open", "/file", Fault.ReturnNullHandle());
            Assert.Equal(LibC.EIO, LibC.Open(mount["file"], LibC.O_RDONLY).Errno);
            plan.Remove(rule);
            rule = plan.Add("opendir", "/dir", Fault.ReturnNullHandle());
            Assert.Equal(LibC.EIO, LibC.Open(mount["dir"], LibC.O_RDONLY | LibC.O_DIRECTORY).Errno);
            plan.Remove(rule);
            rule = plan.Add("create", "/new", Fault.ReturnNullHandle());
            Assert.Equal(LibC.EIO, LibC.Open(mount["new"], LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL).Errno);
            plan.Remove(rule);
            Assert.Equal(0, mount.Mount.OpenHandles);

            // readdir throws mid-listing (entries already added): the listing fails, the next one succeeds.
            rule = plan.Add("readdir", "/dir", Fault.Throw(() => new InvalidOperationException("readdir is broken halfway")));
            Assert.Equal(LibC.EIO, LibC.ListDirectory(mount["dir"]).Errno);
            plan.Remove(rule);
            var (names, listErrno) = LibC.ListDirectory(mount["dir"]);
            Assert.Equal(0, listErrno);
            Assert.Equal(new[] { "a", "b" }, names.Select(n => System.Text.Encoding.UTF8.GetString(n)).Order());

            AssertReads(mount["file"]);
            Assert.True(SpinWait.SpinUntil(() => mount.Mount.OpenHandles == 0 && fs.OpenFiles == 0 && fs.OpenDirectories == 0, TimeSpan.FromSeconds(10)),
                $"handles leaked: table {mount.Mount.OpenHandles}, files {fs.OpenFiles}, directories {fs.OpenDirectories}");
        }
        finally
        {
            mount.Dispose();
        }

        var operations = reports.All.Select(f => f.Operation).ToArray();
        Assert.Equal(new[] { "read", "release", "open", "opendir", "create", "readdir" }, operations);
        Assert.All(reports.All.Where(f => f.Operation is "open" or "opendir" or "create"), f => Assert.IsType<InvalidOperationException>(f.Exception));
        (_, var problems) = reports.Verify(plan);
        Assert.Empty(problems);
    }

    [MountFact]
    public void An_errno_the_kernel_cannot_carry_becomes_EIO_instead_of_a_hang()
    {
        var plan = new FaultPlan();
        var fs = new FaultFs(plan);
        fs.Seed("/file", Content);
        var reports = new FaultLog();
        var mount = InProcessMount.Start(fs, Options(reports), Output);
        try
        {
            foreach (var errno in new[] { 512, 600, 999, 4000, 0, -5 })
            {
                var path = $"/x{errno}";
                plan.Add("getattr", path, Fault.Throw(() => new FuseException((Errno)errno)));
                var call = Task.Run(() => LibC.Stat(mount[path]).Errno);
                Assert.True(call.Wait(TimeSpan.FromSeconds(5)), $"stat hangs when getattr throws FuseException({errno})");
                Output.WriteLine($"FuseException({errno}) -> errno {call.Result}");
                Assert.Equal(LibC.EIO, call.Result);
            }

            AssertReads(mount["file"]);
        }
        finally
        {
            mount.Dispose();
        }

        // Not an answer but a bug of the filesystem's: reported, with the EIO the caller got.
        Assert.Equal(6, reports.All.Count);
        Assert.All(reports.All, f =>
        {
            Assert.Equal("getattr", f.Operation);
            Assert.Equal(Errno.EIO, f.Errno);
            Assert.IsType<FuseException>(f.Exception);
        });
    }

    private static MountOptions Options(FaultLog reports) => new()
    {
        // Every call reaches the filesystem: nothing cached, no page cache between a read and the filesystem.
        AttrTimeout = 0,
        EntryTimeout = 0,
        NegativeTimeout = 0,
        DirectIo = true,
        MaxThreads = 16,
        FaultHandler = reports.Record,
    };

    private static void AssertReads(string path)
    {
        var (fd, errno) = LibC.Open(path, LibC.O_RDONLY);
        Assert.Equal(0, errno);
        try
        {
            var buffer = new byte[Content.Length];
            var (count, readErrno) = LibC.PRead(fd, buffer, 0);
            Assert.Equal(0, readErrno);
            Assert.Equal(Content.Length, count);
            Assert.Equal(Content, buffer);
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    private static void AssertHealthy(InProcessMount mount, int workers)
    {
        for (var w = 0; w < workers; w++)
        {
            AssertReads(mount[$"w{w}/data"]);
            var (names, errno) = LibC.ListDirectory(mount[$"w{w}/dir"]);
            Assert.Equal(0, errno);
            Assert.Equal(4, names.Count);
            Assert.Equal(0, LibC.StatVfs(mount.Path).Errno);
        }
    }

    /// <summary>An exception type of the filesystem's own.</summary>
    private sealed class InjectedException : Exception
    {
        public InjectedException()
            : base("injected")
        {
        }
    }

    /// <summary>Counts per operation: faults injected, and faults the caller saw exactly as documented.</summary>
    private sealed class Tally
    {
        private readonly ConcurrentDictionary<string, int> byOperation = new();
        private long injected;
        private long survived;
        private long healthy;

        public long Injected => Interlocked.Read(ref injected);

        public long Survived => Interlocked.Read(ref survived);

        public string ByOperation => string.Join(", ", byOperation.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));

        public void Inject(string operation)
        {
            Interlocked.Increment(ref injected);
            byOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
        }

        public void Survive() => Interlocked.Increment(ref survived);

        public void Healthy() => Interlocked.Increment(ref healthy);

        public override string ToString() =>
            $"faults injected {Injected}, answered as documented {Survived}, healthy operations in between {Interlocked.Read(ref healthy)}";
    }

    /// <summary>What the fault handler received; it also throws now and then, which must change nothing.</summary>
    private sealed class FaultLog
    {
        private readonly List<FuseFault> all = new();

        public IReadOnlyList<FuseFault> All
        {
            get
            {
                lock (all)
                {
                    return all.ToArray();
                }
            }
        }

        public void Record(FuseFault fault)
        {
            int count;
            lock (all)
            {
                all.Add(fault);
                count = all.Count;
            }

            if (count % 10 == 0)
            {
                throw new InvalidOperationException("the fault handler itself fails now and then");
            }
        }

        /// <summary>
        /// Each exception the plan threw, FuseException aside, reported exactly once with its operation and the errno
        /// README's table gives; nothing else reported but the null handles' InvalidOperationException, one each.
        /// </summary>
        public (int ReportedOnce, List<string> Problems) Verify(FaultPlan plan)
        {
            var problems = new List<string>();
            var faults = All;
            var byException = faults.GroupBy(f => f.Exception, ReferenceEqualityComparer.Instance).ToDictionary(g => g.Key!, g => g.ToList(), ReferenceEqualityComparer.Instance);
            var once = 0;
            foreach (var (exception, operation) in plan.Thrown)
            {
                var seen = byException.TryGetValue(exception, out var list) ? list : new List<FuseFault>();
                if (exception is FuseException)
                {
                    if (seen.Count != 0)
                    {
                        problems.Add($"FuseException from {operation} was reported");
                    }

                    continue;
                }

                if (seen.Count != 1)
                {
                    problems.Add($"{exception.GetType().Name} from {operation} reported {seen.Count} times");
                    continue;
                }

                var expected = ErrnoMapper.FromException(exception);
                if (seen[0].Operation != operation || seen[0].Errno != expected)
                {
                    problems.Add($"{exception.GetType().Name} from {operation} reported as {seen[0].Operation}/{seen[0].Errno}, expected {operation}/{expected}");
                }

                once++;
            }

            foreach (var fault in faults.Where(f => !plan.Thrown.ContainsKey(f.Exception)))
            {
                if (fault.Exception is not InvalidOperationException || fault.Operation is not ("open" or "opendir" or "create"))
                {
                    problems.Add($"unexpected report: {fault.Operation} {fault.Exception.GetType().Name}: {fault.Exception.Message}");
                }
            }

            foreach (var (operation, count) in plan.NullHandles)
            {
                var reported = faults.Count(f => f.Operation == operation && !plan.Thrown.ContainsKey(f.Exception));
                if (reported != count)
                {
                    problems.Add($"{count} null handles from {operation}, {reported} reported");
                }
            }

            return (once, problems);
        }
    }

    /// <summary>One thread of load: its own directory, files and descriptors, so faults are aimed at it alone.</summary>
    private sealed class Worker
    {
        private readonly int index;
        private readonly InProcessMount mount;
        private readonly FaultPlan plan;
        private readonly FaultFs fs;
        private readonly Tally tally;
        private readonly ConcurrentQueue<string> failures;
        private readonly Random random;
        private readonly string dir;
        private int serial;

        public Worker(int index, InProcessMount mount, FaultPlan plan, FaultFs fs, Tally tally, ConcurrentQueue<string> failures)
        {
            this.index = index;
            this.mount = mount;
            this.plan = plan;
            this.fs = fs;
            this.tally = tally;
            this.failures = failures;
            random = new Random(1000 + index);
            dir = $"/w{index}";
        }

        private string Data => dir + "/data";

        public void Run(Stopwatch clock, TimeSpan duration)
        {
            var (fd, errno) = LibC.Open(mount[Data], LibC.O_RDWR);
            if (errno != 0)
            {
                failures.Enqueue($"worker {index}: cannot open its file: errno {errno}");
                return;
            }

            try
            {
                while (clock.Elapsed < duration)
                {
                    var all = CallerOperations.Concat(SilentOperations).ToArray();
                    var operation = all[random.Next(all.Length)];
                    var (fault, expected, what) = PickFault(operation);
                    tally.Inject(operation);
                    var answer = Inject(operation, fault, fd);
                    if (SilentOperations.Contains(operation) ? answer == 0 : answer == expected)
                    {
                        tally.Survive();
                    }
                    else
                    {
                        failures.Enqueue($"worker {index}: {operation} with {what}: caller got errno {answer}, expected {(SilentOperations.Contains(operation) ? 0 : expected)}");
                    }

                    // The filesystem keeps serving this thread's file.
                    var offset = random.Next(Content.Length - 4096);
                    var buffer = new byte[4096];
                    var (count, readErrno) = LibC.PRead(fd, buffer, offset);
                    if (readErrno != 0 || count != buffer.Length || !buffer.AsSpan().SequenceEqual(Content.AsSpan(offset, buffer.Length)))
                    {
                        failures.Enqueue($"worker {index}: healthy read after {operation} failed: errno {readErrno}, {count} bytes");
                    }
                    else
                    {
                        tally.Healthy();
                    }
                }
            }
            finally
            {
                LibC.Close(fd);
            }
        }

        private (Fault Fault, int Errno, string What) PickFault(string operation)
        {
            var choice = random.Next(Exceptions.Length + Returned.Length + 1);
            if (choice < Exceptions.Length)
            {
                var (name, make, errno) = Exceptions[choice];
                return (Fault.Throw(make), errno, name);
            }

            if (choice < Exceptions.Length + Returned.Length)
            {
                var errno = Returned[choice - Exceptions.Length];
                return (Fault.Return(errno), (int)errno, "returned " + errno);
            }

            // A null handle only means something where a handle is returned; elsewhere: another exception.
            return operation is "open" or "create" or "opendir"
                ? (Fault.ReturnNullHandle(), LibC.EIO, "null handle")
                : (Fault.Throw(() => new InvalidOperationException("injected")), LibC.EIO, "InvalidOperationException");
        }

        /// <summary>Installs <paramref name="fault"/> for one system call that reaches <paramref name="operation"/>; returns its errno.</summary>
        private int Inject(string operation, Fault fault, int fd)
        {
            var n = Interlocked.Increment(ref serial);
            FaultRule? rule = null;
            int On(string path) => (rule = plan.Add(operation, path, fault)) is null ? -1 : 0;
            try
            {
                switch (operation)
                {
                    case "getattr":
                        {
                            // A name never looked up: revalidating a cached one would retry after an error.
                            var path = $"{dir}/g{n}";
                            On(path);
                            return LibC.Stat(mount[path]).Errno;
                        }

                    case "open":
                        {
                            On(Data);
                            var (other, errno) = LibC.Open(mount[Data], LibC.O_RDONLY);
                            if (other >= 0)
                            {
                                LibC.Close(other);
                            }

                            return errno;
                        }

                    case "create":
                        {
                            var path = $"{dir}/c{n}";
                            On(path);
                            var (created, errno) = LibC.Open(mount[path], LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL);
                            if (created >= 0)
                            {
                                LibC.Close(created);
                            }

                            return errno;
                        }

                    case "read":
                        On(Data);
                        return LibC.PRead(fd, new byte[4096], 0).Errno;
                    case "write":
                        On(Data);
                        return LibC.PWrite(fd, Content.AsSpan(0, 4096), 0).Errno;
                    case "fsync":
                        On(Data);
                        return LibC.Fsync(fd);
                    case "flush":
                        {
                            var (other, errno) = LibC.Open(mount[Data], LibC.O_RDONLY);
                            if (errno != 0)
                            {
                                return -errno;
                            }

                            On(Data);
                            return LibC.Close(other);
                        }

                    case "release":
                        {
                            var (other, errno) = LibC.Open(mount[Data], LibC.O_RDONLY);
                            if (errno != 0)
                            {
                                return -errno;
                            }

                            On(Data);
                            var closed = LibC.Close(other);
                            return WaitForHit(rule!) ? closed : -1;
                        }

                    case "truncate":
                        On(Data);
                        return LibC.Truncate(mount[Data], 10);
                    case "unlink":
                        {
                            var path = $"{dir}/u{n}";
                            fs.Seed(path, new byte[] { 1 });
                            On(path);
                            return LibC.Unlink(mount[path]);
                        }

                    case "mkdir":
                        {
                            var path = $"{dir}/m{n}";
                            On(path);
                            return LibC.Mkdir(mount[path]);
                        }

                    case "rmdir":
                        {
                            var path = $"{dir}/r{n}";
                            fs.SeedDirectory(path);
                            On(path);
                            return LibC.Rmdir(mount[path]);
                        }

                    case "rename":
                        {
                            var path = $"{dir}/s{n}";
                            fs.Seed(path, new byte[] { 1 });
                            On(path);
                            return LibC.Rename(mount[path], mount[path + "x"]);
                        }

                    case "chmod":
                        On(Data);
                        return LibC.Chmod(mount[Data], 0x1A4);
                    case "utimens":
                        On(Data);
                        return LibC.Utimens(mount[Data]);
                    case "statfs":
                        On(dir);
                        return LibC.StatVfs(mount[dir]).Errno;
                    case "opendir":
                        {
                            On(dir + "/dir");
                            var (other, errno) = LibC.Open(mount[dir + "/dir"], LibC.O_RDONLY | LibC.O_DIRECTORY);
                            if (other >= 0)
                            {
                                LibC.Close(other);
                            }

                            return errno;
                        }

                    case "readdir":
                        {
                            var (other, errno) = LibC.Open(mount[dir + "/dir"], LibC.O_RDONLY | LibC.O_DIRECTORY);
                            if (errno != 0)
                            {
                                return -errno;
                            }

                            On(dir + "/dir");
                            var listed = LibC.ReadDirectory(other).Errno;
                            LibC.Close(other);
                            return listed;
                        }

                    case "releasedir":
                        {
                            var (other, errno) = LibC.Open(mount[dir + "/dir"], LibC.O_RDONLY | LibC.O_DIRECTORY);
                            if (errno != 0)
                            {
                                return -errno;
                            }

                            On(dir + "/dir");
                            var closed = LibC.Close(other);
                            return WaitForHit(rule!) ? closed : -1;
                        }

                    default:
                        throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
                }
            }
            finally
            {
                if (rule is not null)
                {
                    plan.Remove(rule);
                }
            }
        }

        private static bool WaitForHit(FaultRule rule) => SpinWait.SpinUntil(() => rule.Hits > 0, TimeSpan.FromSeconds(10));
    }
}
