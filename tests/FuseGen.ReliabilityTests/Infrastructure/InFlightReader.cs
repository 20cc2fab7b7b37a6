using System;
using System.Diagnostics;
using System.Threading;
using FuseGen.Testing;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>
/// Keeps reads in flight on an open descriptor from a background thread until one fails or it is stopped:
/// records how many succeeded, and the errno and time of the failure.
/// </summary>
internal sealed class InFlightReader : IDisposable
{
    private readonly Thread thread;
    private readonly Stopwatch clock;
    private readonly int fd;
    private readonly long size;
    private volatile bool stop;
    private long reads;

    public InFlightReader(int fd, long size, Stopwatch clock)
    {
        this.fd = fd;
        this.size = size;
        this.clock = clock;
        thread = new Thread(Run) { IsBackground = true, Name = "reads in flight" };
        thread.Start();
    }

    public long Reads => Interlocked.Read(ref reads);

    /// <summary>The errno of the read that failed; 0 while none has.</summary>
    public int Errno { get; private set; }

    /// <summary>When (on the clock given) the failing read returned.</summary>
    public TimeSpan? FailedAt { get; private set; }

    public bool Stopped => !thread.IsAlive;

    /// <summary>Waits until <paramref name="count"/> more reads succeeded (the descriptor is still served).</summary>
    public bool WaitForMoreReads(long count, TimeSpan timeout)
    {
        var target = Reads + count;
        return SpinWait.SpinUntil(() => Reads >= target || Stopped, timeout) && Reads >= target;
    }

    public bool Join(TimeSpan timeout) => thread.Join(timeout);

    public void Dispose()
    {
        stop = true;
        thread.Join(TimeSpan.FromSeconds(30));
    }

    private void Run()
    {
        var buffer = new byte[64 * 1024];
        var offset = 0L;
        while (!stop)
        {
            var (count, errno) = LibC.PRead(fd, buffer, offset);
            if (errno != 0)
            {
                Errno = errno;
                FailedAt = clock.Elapsed;
                return;
            }

            Interlocked.Increment(ref reads);
            offset = (offset + buffer.Length) % Math.Max(1, size);
        }
    }
}
