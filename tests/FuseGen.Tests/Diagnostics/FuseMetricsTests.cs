using System;
using System.Linq;
using FuseGen.Diagnostics;
using FuseGen.Marshalling;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.Diagnostics;

/// <summary>
/// The FuseGen meter as a listener sees it. In the global-state collection: a listener is process-wide, and another
/// test's listener would make "nobody listens" untrue.
/// </summary>
[Collection(GlobalStateCollection.Name)]
public sealed class FuseMetricsTests
{
    [Fact]
    public void Without_a_listener_nothing_is_measured()
    {
        var start = RequestMetrics.Start("getattr");

        Assert.Equal(0, start);
        Assert.Equal(-2, RequestMetrics.Stop("getattr", start, -2));
    }

    [Fact]
    public void A_request_counts_once_with_its_duration_and_the_active_count_returns_to_zero()
    {
        using var recorder = new MeterRecorder(FuseMetrics.MeterName);

        var start = RequestMetrics.Start("getattr");
        Assert.NotEqual(0, start);
        Assert.Equal(0, RequestMetrics.Stop("getattr", start, 0));

        Assert.Equal(1, recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "getattr"));
        var duration = Assert.Single(recorder.Of(FuseMetrics.DurationName, FuseMetrics.OperationTag, "getattr"));
        Assert.InRange(duration.Value, 0, 60);
        var active = recorder.Of(FuseMetrics.ActiveName, FuseMetrics.OperationTag, "getattr").Select(m => m.Value);
        Assert.Equal(new double[] { 1, -1 }, active);
        Assert.DoesNotContain(recorder.Measurements, m => m.Instrument == FuseMetrics.ErrorsName);
    }

    [Theory]
    [InlineData(-2, "ENOENT")]
    [InlineData(-5, "EIO")]
    [InlineData(-13, "EACCES")]
    [InlineData(-300, "300")]
    public void An_error_is_counted_by_operation_and_errno_name(int result, string errno)
    {
        using var recorder = new MeterRecorder(FuseMetrics.MeterName);

        var start = RequestMetrics.Start("read");
        Assert.Equal(result, RequestMetrics.Stop("read", start, result));

        var error = Assert.Single(recorder.Of(FuseMetrics.ErrorsName, FuseMetrics.OperationTag, "read"));
        Assert.Equal(1, error.Value);
        Assert.Equal(errno, error.Tag(FuseMetrics.ErrnoTag));
        Assert.Equal(1, recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "read"));
    }

    [Fact]
    public void A_long_result_is_passed_through_and_a_negative_one_is_an_error()
    {
        using var recorder = new MeterRecorder(FuseMetrics.MeterName);

        Assert.Equal(1L << 40, RequestMetrics.Stop("lseek", RequestMetrics.Start("lseek"), 1L << 40));
        Assert.Equal(-6L, RequestMetrics.Stop("lseek", RequestMetrics.Start("lseek"), -6L));

        Assert.Equal(2, recorder.Sum(FuseMetrics.RequestsName, FuseMetrics.OperationTag, "lseek"));
        Assert.Equal("ENXIO", Assert.Single(recorder.Of(FuseMetrics.ErrorsName, FuseMetrics.OperationTag, "lseek")).Tag(FuseMetrics.ErrnoTag));
    }

    [Fact]
    public void A_request_started_before_anyone_listened_is_not_recorded_when_it_ends()
    {
        var start = RequestMetrics.Start("write");
        using var recorder = new MeterRecorder(FuseMetrics.MeterName);

        RequestMetrics.Stop("write", start, -5);

        // An active count that was never raised must not be lowered either.
        Assert.Empty(recorder.Measurements);
    }

    [Fact]
    public void A_listener_that_throws_does_not_change_the_answer()
    {
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FuseMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("listener bug"));
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("listener bug"));
        listener.Start();

        var start = RequestMetrics.Start("open");

        Assert.NotEqual(0, start);
        Assert.Equal(-13, RequestMetrics.Stop("open", start, -13));
    }

    [Fact]
    public void The_instruments_carry_the_units_OpenTelemetry_expects()
    {
        using var recorder = new MeterRecorder(FuseMetrics.MeterName);
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        var units = new System.Collections.Generic.Dictionary<string, string?>();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == FuseMetrics.MeterName)
            {
                units[instrument.Name] = instrument.Unit;
            }
        };
        listener.Start();

        Assert.Equal("{request}", units[FuseMetrics.RequestsName]);
        Assert.Equal("{request}", units[FuseMetrics.ErrorsName]);
        Assert.Equal("{request}", units[FuseMetrics.ActiveName]);
        Assert.Equal("s", units[FuseMetrics.DurationName]);
        Assert.True(FuseMetrics.DurationBuckets.SequenceEqual(FuseMetrics.DurationBuckets.OrderBy(b => b)));
    }
}
