using System;
using System.Globalization;
using System.IO;
using System.Linq;
using FuseGen.Testing;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>What this process holds, read from /proc/self: threads, open descriptors, resident memory.</summary>
internal readonly record struct ProcessStats(int Threads, int PoolThreads, int Descriptors, long ResidentBytes, long ManagedBytes, long NativeHeapBytes)
{
    /// <summary>Threads other than the .NET thread pool's workers, whose number the pool itself adjusts to the load.</summary>
    public int OwnThreads => Threads - PoolThreads;

    /// <summary>
    /// A sample after a full garbage collection (finalizers run), so that memory and descriptors the process no longer
    /// references are not counted.
    /// </summary>
    public static ProcessStats Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new ProcessStats(CountThreads(), CountPoolThreads(), CountDescriptors(), StatusKilobytes("VmRSS:") * 1024, GC.GetTotalMemory(forceFullCollection: true), LibC.NativeHeapInUse());
    }

    public static int CountThreads() => (int)StatusKilobytes("Threads:");

    /// <summary>Thread-pool workers (comm ".NET TP Worker").</summary>
    public static int CountPoolThreads() => ThreadNames().Count(n => n == ".NET TP Worker");

    private static string[] ThreadNames() =>
        Directory.GetDirectories("/proc/self/task").Select(t =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(t, "comm")).Trim();
            }
            catch (IOException)
            {
                return "(gone)";
            }
        }).ToArray();

    /// <summary>Entries of /proc/self/fd, less the one the listing itself opens.</summary>
    public static int CountDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length - 1;

    public static string DescribeDescriptors() =>
        string.Join(", ", Directory.GetFileSystemEntries("/proc/self/fd").Select(fd =>
        {
            try
            {
                return Path.GetFileName(fd) + "->" + (new System.IO.FileInfo(fd).LinkTarget ?? "?");
            }
            catch (IOException)
            {
                return Path.GetFileName(fd) + "->(gone)";
            }
        }));

    /// <summary>Thread names (comm) with their counts, for failure messages.</summary>
    public static string DescribeThreads() =>
        string.Join(", ", ThreadNames().GroupBy(n => n).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}"));

    private static long StatusKilobytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.AsSpan(field.Length).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public override string ToString() =>
        $"threads {Threads} ({PoolThreads} thread-pool workers), fds {Descriptors}, RSS {ResidentBytes / 1048576.0:0.0} MiB, managed {ManagedBytes / 1048576.0:0.00} MiB, native heap {NativeHeapBytes / 1048576.0:0.00} MiB";
}
