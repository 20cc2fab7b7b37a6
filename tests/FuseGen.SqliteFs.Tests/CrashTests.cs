using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.SqliteFs.Tests;

/// <summary><c>kill -9</c> of the filesystem in the middle of a write loop, then a remount of the same database.</summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const long KillAfterFsyncedBytes = 4 << 20;

    [MountFact]
    public void Kill_9_during_writes_loses_nothing_fsynced_and_leaves_a_sound_database()
    {
        using var database = new SqliteDatabase(output);
        long fsynced = 0;
        var snapshots = new ConcurrentQueue<int>();
        Exception? stoppedBy = null;
        using (var mounted = database.Mount(requireCleanExit: false))
        {
            var writer = Task.Run(() =>
            {
                try
                {
                    WriteUntilItFails(mounted, snapshots, length => Volatile.Write(ref fsynced, length));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stoppedBy = e;
                }
            });

            var clock = Stopwatch.StartNew();
            while (Volatile.Read(ref fsynced) < KillAfterFsyncedBytes && !writer.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(10);
            }

            Assert.False(writer.IsCompleted, $"the write loop stopped before the kill: {stoppedBy}{writer.Exception}");
            mounted.Process.Process.Kill();
            Assert.True(writer.Wait(TimeSpan.FromSeconds(30)), "the write loop did not stop after the kill");
            output.WriteLine($"killed after {Volatile.Read(ref fsynced)} fsynced bytes and {snapshots.Count} snapshots; the loop stopped with: {stoppedBy?.Message}");
        }

        // The watchdog has cleared the dead mount; the database was never closed.
        Assert.Equal("ok", database.IntegrityCheck());

        using (var mounted = database.Mount())
        {
            var log = File.ReadAllBytes(mounted["log"]);
            var durable = Volatile.Read(ref fsynced);
            Assert.True(log.Length >= durable, $"the log has {log.Length} bytes, {durable} were fsynced");

            // Every write is one transaction: what is there is a prefix of what was written, not a torn write.
            Assert.True(log.AsSpan().SequenceEqual(Pattern(0, log.Length)), "the log is not what was written");
            foreach (var snapshot in snapshots)
            {
                Assert.True(File.ReadAllBytes(mounted[$"snapshot-{snapshot}"]).AsSpan().SequenceEqual(Pattern(snapshot, 10_000 + snapshot)), $"snapshot-{snapshot} differs");
            }
        }
    }

    /// <summary>
    /// Appends to "log" (fsync every third write, reporting the fsynced length) and, every tenth write, writes and
    /// fsyncs a snapshot file, renames it into place and fsyncs the directory; until an operation fails.
    /// </summary>
    private static void WriteUntilItFails(MountedSample mounted, ConcurrentQueue<int> snapshots, Action<long> reportFsynced)
    {
        using var log = new FileStream(mounted["log"], FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        for (var i = 0; ; i++)
        {
            var length = 1000 + (i * 7919 % 60_000);
            log.Write(Pattern(log.Position, length));
            if (i % 3 == 2)
            {
                log.Flush(flushToDisk: true);
                reportFsynced(log.Position);
            }

            if (i % 10 == 9)
            {
                var temporary = mounted[$"snapshot-{i}.tmp"];
                using (var snapshot = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
                {
                    snapshot.Write(Pattern(i, 10_000 + i));
                    snapshot.Flush(flushToDisk: true);
                }

                File.Move(temporary, mounted[$"snapshot-{i}"]);
                FsyncDirectory(mounted.MountPoint.Path);

                snapshots.Enqueue(i);
            }
        }
    }

    /// <summary>fsync() of a directory, which .NET does not open.</summary>
    private static void FsyncDirectory(string path)
    {
        var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_DIRECTORY, 0);
        if (fd < 0 || LibC.fsync(fd) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (fd >= 0)
            {
                LibC.close(fd);
            }

            throw new IOException($"fsync of the directory {path} failed: errno {errno}");
        }

        LibC.close(fd);
    }

    /// <summary>The bytes at [<paramref name="start"/>, +<paramref name="length"/>) of an endless, position-dependent pattern.</summary>
    private static byte[] Pattern(long start, int length) =>
        Enumerable.Range(0, length).Select(i => (byte)(((start + i) * 131) ^ ((start + i) >> 11))).ToArray();
}
