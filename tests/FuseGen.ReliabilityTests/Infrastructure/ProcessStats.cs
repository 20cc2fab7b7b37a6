using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>What this process holds, read from /proc/self: threads, open descriptors, resident memory.</summary>
internal readonly record struct ProcessStats(int Threads, int Descriptors, long ResidentBytes, long ManagedBytes, long NativeHeapBytes)
{
    /// <summary>
    /// A sample after a full garbage collection (finalizers run), so that memory and descriptors the process no longer
    /// references are not counted.
    /// </summary>
    public static ProcessStats Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new ProcessStats(CountThreads(), CountDescriptors(), StatusKilobytes("VmRSS:") * 1024, GC.GetTotalMemory(forceFullCollection: true), Posix.NativeHeapInUse());
    }

    public static int CountThreads() => (int)StatusKilobytes("Threads:");

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

    private static long StatusKilobytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.AsSpan(field.Length).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public override string ToString() =>
        $"threads {Threads}, fds {Descriptors}, RSS {ResidentBytes / 1048576.0:0.0} MiB, managed {ManagedBytes / 1048576.0:0.00} MiB, native heap {NativeHeapBytes / 1048576.0:0.00} MiB";
}
