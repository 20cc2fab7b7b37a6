using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace FuseGen.ReliabilityTests.FileSystems;

/// <summary>What an operation does instead of its work.</summary>
internal sealed class Fault
{
    private Fault(Func<Exception>? exception, Errno errno, ManualResetEventSlim? gate, TimeSpan blockLimit, bool nullHandle)
    {
        Exception = exception;
        Errno = errno;
        Gate = gate;
        BlockLimit = blockLimit;
        NullHandle = nullHandle;
    }

    public Func<Exception>? Exception { get; }

    public Errno Errno { get; }

    public ManualResetEventSlim? Gate { get; }

    public TimeSpan BlockLimit { get; }

    public bool NullHandle { get; }

    /// <summary>Throw a fresh exception made by <paramref name="exception"/>.</summary>
    public static Fault Throw(Func<Exception> exception) => new(exception, Errno.None, null, TimeSpan.Zero, false);

    /// <summary>Return <paramref name="errno"/> (as an Errno result, or a FuseException from handle-returning operations).</summary>
    public static Fault Return(Errno errno) => new(null, errno, null, TimeSpan.Zero, false);

    /// <summary>Wait until <paramref name="gate"/> is set or <paramref name="limit"/> passed, then do the work.</summary>
    public static Fault Block(ManualResetEventSlim gate, TimeSpan limit) => new(null, Errno.None, gate, limit, false);

    /// <summary>open/create/opendir return a null handle (a bug FuseGen answers with EIO).</summary>
    public static Fault ReturnNullHandle() => new(null, Errno.None, null, TimeSpan.Zero, true);
}

/// <summary>One installed fault: which operation (or "*"), which path (or any), how often it fired.</summary>
internal sealed class FaultRule
{
    private int hits;
    private int waiting;
    private long lastExit;

    public FaultRule(string operation, string? path, Fault fault)
    {
        Operation = operation;
        Path = path;
        Fault = fault;
    }

    public string Operation { get; }

    public string? Path { get; }

    public Fault Fault { get; }

    /// <summary>Times the rule fired.</summary>
    public int Hits => Volatile.Read(ref hits);

    /// <summary>Set when a blocking rule has a request waiting on its gate.</summary>
    public ManualResetEventSlim Entered { get; } = new(false);

    public bool Matches(string operation, string path) =>
        (Operation == "*" || Operation == operation) && (Path is null || Path == path);

    public void Hit()
    {
        Interlocked.Increment(ref hits);
    }

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when a blocked request last went on.</summary>
    public long LastExit => Interlocked.Read(ref lastExit);

    /// <summary>Requests waiting on the gate of a blocking rule now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    public void Enter()
    {
        Interlocked.Increment(ref waiting);
        Entered.Set();
    }

    public void Exit()
    {
        Interlocked.Decrement(ref waiting);
        Interlocked.Exchange(ref lastExit, System.Diagnostics.Stopwatch.GetTimestamp());
    }
}

/// <summary>
/// The faults a <see cref="FaultFs"/> injects, by operation and path. Thread-safe: rules are added and removed
/// while requests run on libfuse's worker threads. Every exception it throws is recorded, so a test can check that
/// the fault handler saw each exactly once.
/// </summary>
internal sealed class FaultPlan
{
    private readonly object gate = new();
    private FaultRule[] rules = Array.Empty<FaultRule>();
    private long checks;

    /// <summary>Every exception thrown on purpose, with the operation that threw it.</summary>
    public ConcurrentDictionary<Exception, string> Thrown { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Null handles returned on purpose, by operation.</summary>
    public ConcurrentDictionary<string, int> NullHandles { get; } = new();

    public long Checks => Interlocked.Read(ref checks);

    public FaultRule Add(string operation, string? path, Fault fault)
    {
        var rule = new FaultRule(operation, path, fault);
        lock (gate)
        {
            var next = new FaultRule[rules.Length + 1];
            rules.CopyTo(next, 0);
            next[^1] = rule;
            Volatile.Write(ref rules, next);
        }

        return rule;
    }

    public void Remove(FaultRule rule)
    {
        lock (gate)
        {
            Volatile.Write(ref rules, Array.FindAll(rules, r => !ReferenceEquals(r, rule)));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            Volatile.Write(ref rules, Array.Empty<FaultRule>());
        }
    }

    /// <summary>
    /// Applies the first rule matching <paramref name="operation"/> on <paramref name="path"/>: throws, returns the
    /// errno to answer, or blocks and then returns <see cref="Errno.None"/>. <paramref name="nullHandle"/> asks an
    /// open to return null.
    /// </summary>
    public Errno Apply(string operation, string path, out bool nullHandle)
    {
        Interlocked.Increment(ref checks);
        nullHandle = false;
        foreach (var rule in Volatile.Read(ref rules))
        {
            if (!rule.Matches(operation, path))
            {
                continue;
            }

            rule.Hit();
            var fault = rule.Fault;
            if (fault.Exception is { } make)
            {
                var exception = make();
                Thrown[exception] = operation;
                throw exception;
            }

            if (fault.Gate is { } wait)
            {
                rule.Enter();
                wait.Wait(fault.BlockLimit);
                rule.Exit();
                return Errno.None;
            }

            if (fault.NullHandle)
            {
                NullHandles.AddOrUpdate(operation, 1, (_, n) => n + 1);
                nullHandle = true;
                return Errno.None;
            }

            return fault.Errno;
        }

        return Errno.None;
    }

    /// <summary><see cref="Apply(string, string, out bool)"/> for operations without a handle.</summary>
    public Errno Apply(string operation, string path) => Apply(operation, path, out _);

    /// <summary>Apply for operations that return a value: a returned errno becomes a <see cref="FuseException"/>.</summary>
    public void ThrowIfFaulted(string operation, string path)
    {
        var errno = Apply(operation, path);
        if (errno != Errno.None)
        {
            throw new FuseException(errno);
        }
    }
}
