using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;

namespace FuseGen.Testing;

/// <summary>One measurement a <see cref="MeterRecorder"/> received: the instrument, the value and its tags.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    /// <summary>The tag <paramref name="name"/> as a string (null when absent).</summary>
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
}

/// <summary>
/// Listens to one meter (as <c>dotnet-counters</c> or OpenTelemetry would) and keeps every measurement, so a test can
/// say what a workload reported. Thread-safe; measurements are taken from the moment of construction to disposal.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<RecordedMeasurement> measurements = new();

    public MeterRecorder(string meterName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    /// <summary>A copy of what was recorded so far.</summary>
    public IReadOnlyList<RecordedMeasurement> Measurements
    {
        get
        {
            lock (measurements)
            {
                return measurements.ToArray();
            }
        }
    }

    /// <summary>Measurements of <paramref name="instrument"/> whose <paramref name="tag"/> is <paramref name="value"/>.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument, string tag, string value) =>
        Measurements.Where(m => m.Instrument == instrument && m.Tag(tag) == value).ToArray();

    /// <summary>The sum of the values of <paramref name="instrument"/> with <paramref name="tag"/> = <paramref name="value"/>.</summary>
    public double Sum(string instrument, string tag, string value) => Of(instrument, tag, value).Sum(m => m.Value);

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(tags.Length);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (measurements)
        {
            measurements.Add(new RecordedMeasurement(instrument.Name, value, copy));
        }
    }
}
