using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>How an operation was reached.</summary>
internal enum OperationRoute
{
    /// <summary>A system call on a mount: the kernel sent the request, libfuse called the generated entry point.</summary>
    Kernel,

    /// <summary>The test called the generated entry point from the operation table (<see cref="FuseGen.Testing.KernelFreeSession"/>).</summary>
    Direct,
}

/// <summary>
/// Which operations a test filesystem's methods ran, by libfuse member name (<c>copy_file_range</c>), and how they
/// were reached. Every call is also reported to the <see cref="CoverageLedger"/> while one is collecting.
/// </summary>
internal sealed class OperationLog
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    /// <summary>How calls reach this filesystem: through a mount unless a test calls its table directly.</summary>
    public OperationRoute Route { get; init; } = OperationRoute.Kernel;

    /// <summary>How often <paramref name="operation"/> ran.</summary>
    public int this[string operation] => counts.TryGetValue(operation, out var count) ? count : 0;

    /// <summary>The operations that ran at least once.</summary>
    public IReadOnlyCollection<string> Operations => counts.Keys.ToArray();

    public void Hit(string operation)
    {
        counts.AddOrUpdate(operation, 1, static (_, count) => count + 1);
        CoverageLedger.Record(operation, Route);
    }
}

/// <summary>
/// Collects the operations test filesystems run while a test runs, for the coverage table
/// (<see cref="OperationCoverageTests"/>): one collection at a time, the mounting tests running one by one.
/// </summary>
internal static class CoverageLedger
{
    private static ConcurrentDictionary<(string Operation, OperationRoute Route), bool>? current;

    /// <summary>Starts collecting; the returned set fills until the next <see cref="Start"/> or <see cref="Stop"/>.</summary>
    public static IReadOnlyDictionary<(string Operation, OperationRoute Route), bool> Start()
    {
        var collected = new ConcurrentDictionary<(string Operation, OperationRoute Route), bool>();
        current = collected;
        return collected;
    }

    public static void Stop() => current = null;

    public static void Record(string operation, OperationRoute route) => current?.TryAdd((operation, route), true);
}
