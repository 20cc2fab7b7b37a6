using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace FuseGen.Diagnostics;

/// <summary>
/// The <see cref="Meter"/> every mounted filesystem reports to, so OpenTelemetry, <c>dotnet-counters</c> or a
/// <see cref="MeterListener"/> see requests with no code in the filesystem. Names follow OpenTelemetry's conventions:
/// durations in seconds, attributes namespaced (<c>fuse.operation</c>, <c>fuse.errno</c>).
/// </summary>
/// <remarks>
/// Nothing is measured while no listener is subscribed: a request then costs four reads of
/// <see cref="Instrument.Enabled"/>, and never a clock read or an allocation.
/// </remarks>
public static class FuseMetrics
{
    /// <summary>Name of the meter: <c>FuseGen</c> (<c>dotnet-counters monitor --counters FuseGen</c>).</summary>
    public const string MeterName = "FuseGen";

    /// <summary>Completed requests (counter, <c>{request}</c>), by <see cref="OperationTag"/>.</summary>
    public const string RequestsName = "fuse.requests";

    /// <summary>Requests answered with an error (counter, <c>{request}</c>), by <see cref="OperationTag"/> and <see cref="ErrnoTag"/>.</summary>
    public const string ErrorsName = "fuse.request.errors";

    /// <summary>Time from entering the filesystem to its answer (histogram, seconds), by <see cref="OperationTag"/>.</summary>
    public const string DurationName = "fuse.request.duration";

    /// <summary>Requests being served right now (up-down counter, <c>{request}</c>), by <see cref="OperationTag"/>.</summary>
    public const string ActiveName = "fuse.active_requests";

    /// <summary>The libfuse operation: <c>getattr</c>, <c>read</c>, ... (the member of <c>struct fuse_operations</c>).</summary>
    public const string OperationTag = "fuse.operation";

    /// <summary>The error the caller received: <c>ENOENT</c>, <c>EIO</c>, ... (a bare number for an errno without a name).</summary>
    public const string ErrnoTag = "fuse.errno";

    // Highest errno the kernel delivers (see FuseRequest.IsDeliverable); names are cached per value.
    private const int MaxErrno = 511;

    private static readonly Meter Meter = new(MeterName, typeof(FuseMetrics).Assembly.GetName().Version?.ToString(3));

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(RequestsName, "{request}", "FUSE requests served.");

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsName, "{request}", "FUSE requests answered with an error.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationName, "s", "Time the filesystem took to answer a FUSE request.");

    private static readonly UpDownCounter<long> Active = Meter.CreateUpDownCounter<long>(ActiveName, "{request}", "FUSE requests being served.");

    // Boxed once: a tag's value is an object, and boxing per request would allocate.
    private static readonly object?[] ErrnoNames = new object?[MaxErrno + 1];

    private static readonly double TicksToSeconds = 1.0 / Stopwatch.Frequency;

    /// <summary>
    /// Bucket boundaries (seconds) suited to <see cref="DurationName"/>: 10 µs to 10 s. OpenTelemetry's default
    /// boundaries are meant for milliseconds and would put every request in the first bucket; give these to a view
    /// (<c>AddView(FuseMetrics.DurationName, new ExplicitBucketHistogramConfiguration { Boundaries = ... })</c>).
    /// </summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = Array.AsReadOnly(new[]
    {
        0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    });

    /// <summary>True while a listener is subscribed to any of FuseGen's instruments.</summary>
    /// <remarks>Inlined into every request's entry point, which otherwise paid a call for it (profiles showed it as FuseGen's largest own symbol on metadata requests).</remarks>
    internal static bool Enabled
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Requests.Enabled || Duration.Enabled || Errors.Enabled || Active.Enabled;
    }

    /// <summary>
    /// Marks a request of <paramref name="operation"/> as started (callers check <see cref="Enabled"/> first: 0 then
    /// means nobody listened, and nothing is recorded for that request even if a listener subscribes before it ends).
    /// </summary>
    /// <remarks>Not inlined, so the check callers inline stays small.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static long Start(string operation)
    {
        try
        {
            Active.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));
        }
        catch (Exception)
        {
            // A listener's callback threw: it must not fail the request (nor escape into libfuse).
        }

        // A monotonic clock in nanoseconds (clock_gettime) is never 0 on Linux; 0 is reserved for "not measured".
        return Stopwatch.GetTimestamp();
    }

    /// <summary>Records the end of a request <see cref="Start"/> measured (a nonzero start); <paramref name="result"/> is the native reply (negative errno on error).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Stop(string operation, long start, long result)
    {
        var elapsed = (Stopwatch.GetTimestamp() - start) * TicksToSeconds;
        var tag = new KeyValuePair<string, object?>(OperationTag, operation);
        try
        {
            Active.Add(-1, tag);
            Requests.Add(1, tag);
            Duration.Record(elapsed, tag);
            if (result < 0)
            {
                Errors.Add(1, tag, new KeyValuePair<string, object?>(ErrnoTag, ErrnoName(-result)));
            }
        }
        catch (Exception)
        {
            // As in Start: the request's answer stands whatever a listener does.
        }
    }

    private static object ErrnoName(long errno)
    {
        if (errno > MaxErrno)
        {
            return nameof(Errno.EIO);
        }

        var index = (int)errno;

        // A race computes the same string twice; either copy is fine.
        return ErrnoNames[index] ??= Enum.IsDefined((Errno)index) ? ((Errno)index).ToString() : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
