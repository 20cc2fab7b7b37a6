using System;
using System.Threading;

namespace FuseGen.Testing;

/// <summary>
/// Keeps kernel-free sessions and in-process mounts apart: a session replaces libfuse's request context for the whole
/// process, so a mounted filesystem's requests would see the fake caller. Mounts run together, sessions run together
/// (each kind of session is one at a time by itself), never a mount and a session: the later one waits (test
/// frameworks run test classes in parallel, so a user's mount test and unit test otherwise meet).
/// </summary>
internal static class FuseContextGate
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);
    private static readonly object Gate = new();
    private static int mounts;
    private static int sessions;

    internal static void EnterMount()
    {
        lock (Gate)
        {
            WaitUntil(() => sessions == 0, "a KernelFreeSession or KernelFreeInodeSession is still alive in this process; dispose it before mounting");
            mounts++;
        }
    }

    internal static void ExitMount()
    {
        lock (Gate)
        {
            mounts--;
            Monitor.PulseAll(Gate);
        }
    }

    internal static void EnterSession()
    {
        lock (Gate)
        {
            WaitUntil(() => mounts == 0, "a FuseTestMount is still mounted in this process; dispose it before a kernel-free session");
            sessions++;
        }
    }

    internal static void ExitSession()
    {
        lock (Gate)
        {
            sessions--;
            Monitor.PulseAll(Gate);
        }
    }

    private static void WaitUntil(Func<bool> free, string blocker)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!free())
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !Monitor.Wait(Gate, left))
            {
                if (!free())
                {
                    throw new InvalidOperationException($"waited {Wait.TotalMinutes:0} min: {blocker}");
                }
            }
        }
    }
}
