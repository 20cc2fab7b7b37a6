using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.Diagnostics;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>
/// The FuseGen meter through OpenTelemetry, configured as the README says (the meter by name, the suggested duration
/// buckets), exported to memory after real work on a mount.
/// </summary>
[Collection(MountCollection.Name)]
public sealed class OpenTelemetryTests : MountTest
{
    private const int Reads = 10;

    public OpenTelemetryTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public async Task OpenTelemetry_exports_requests_errors_and_a_duration_histogram_per_operation()
    {
        var exported = new List<Metric>();
        // Exported metrics are live views of the provider: read them before it is disposed.
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(FuseMetrics.MeterName)
            .AddView(FuseMetrics.DurationName, new ExplicitBucketHistogramConfiguration { Boundaries = FuseMetrics.DurationBuckets.ToArray() })
            .AddInMemoryExporter(exported)
            .Build();
        {
            using var mountPoint = TempMountPoint.Create();
            using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
            await using (Fuse.Mount(new ProbeFs("exported\n"), mountPoint.Path, new MountOptions { AttrTimeout = 0, EntryTimeout = 0, NegativeTimeout = 0, DirectIo = true }))
            {
                for (var i = 0; i < Reads; i++)
                {
                    Assert.Equal("exported\n", await File.ReadAllTextAsync(Path.Combine(mountPoint.Path, ProbeFs.FileName)));
                }

                Assert.Equal((int)Errno.ENOENT, LibC.Stat(Path.Combine(mountPoint.Path, "absent")).Errno);
            }

            provider.ForceFlush();
        }

        long Sum(string name, string operation, string? errno = null) => Points(exported, name)
            .Where(p => Tag(p, FuseMetrics.OperationTag) == operation && (errno is null || Tag(p, FuseMetrics.ErrnoTag) == errno))
            .Sum(p => p.GetSumLong());

        Assert.True(Sum(FuseMetrics.RequestsName, "read") >= Reads);
        Assert.True(Sum(FuseMetrics.RequestsName, "getattr") >= Reads + 1);
        Assert.True(Sum(FuseMetrics.ErrorsName, "getattr", "ENOENT") >= 1);
        Assert.Equal(0, Sum(FuseMetrics.ActiveName, "read"));

        var histogram = Assert.Single(Points(exported, FuseMetrics.DurationName), p => Tag(p, FuseMetrics.OperationTag) == "read");
        Assert.Equal(Sum(FuseMetrics.RequestsName, "read"), histogram.GetHistogramCount());
        var bounds = new List<double>();
        foreach (var bucket in histogram.GetHistogramBuckets())
        {
            bounds.Add(bucket.ExplicitBound);
        }

        Assert.Equal(FuseMetrics.DurationBuckets.Append(double.PositiveInfinity), bounds);
        Assert.Equal("s", exported.First(m => m.Name == FuseMetrics.DurationName).Unit);
        Output.WriteLine($"read: {histogram.GetHistogramCount()} requests, {histogram.GetHistogramSum() * 1e6 / histogram.GetHistogramCount():F1} µs mean");
    }

    /// <summary>The points of the last export of <paramref name="name"/> (cumulative: the last holds the totals).</summary>
    private static IEnumerable<MetricPoint> Points(List<Metric> exported, string name)
    {
        var metric = exported.LastOrDefault(m => m.Name == name);
        if (metric is null)
        {
            yield break;
        }

        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            yield return point;
        }
    }

    private static string? Tag(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
