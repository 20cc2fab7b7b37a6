using System;

namespace FuseGen;

/// <summary>A point in time as <c>struct timespec</c> holds it: seconds and nanoseconds since the Unix epoch.</summary>
public readonly struct TimeSpec : IEquatable<TimeSpec>
{
    private const long UtimeNow = (1L << 30) - 1;
    private const long UtimeOmit = (1L << 30) - 2;

    /// <summary>Creates a time from seconds and nanoseconds since 1970-01-01T00:00:00Z.</summary>
    public TimeSpec(long seconds, long nanoseconds)
    {
        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    /// <summary>Whole seconds since the epoch.</summary>
    public long Seconds { get; }

    /// <summary>Nanoseconds within the second (0–999,999,999), or a <c>UTIME_*</c> marker.</summary>
    public long Nanoseconds { get; }

    /// <summary><c>UTIME_NOW</c>: in <see cref="UtimensAttribute"/>, set the time to the current time.</summary>
    public static TimeSpec Now => new(0, UtimeNow);

    /// <summary><c>UTIME_OMIT</c>: in <see cref="UtimensAttribute"/>, leave the time unchanged.</summary>
    public static TimeSpec Omit => new(0, UtimeOmit);

    /// <summary>True for the <see cref="Now"/> marker.</summary>
    public bool IsNow => Nanoseconds == UtimeNow;

    /// <summary>True for the <see cref="Omit"/> marker.</summary>
    public bool IsOmit => Nanoseconds == UtimeOmit;

    /// <summary>The current time.</summary>
    public static TimeSpec UtcNow => FromDateTimeOffset(DateTimeOffset.UtcNow);

    /// <summary>Converts from a <see cref="DateTimeOffset"/> (100 ns resolution).</summary>
    public static TimeSpec FromDateTimeOffset(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new TimeSpec(seconds, remainder * 100);
    }

    /// <summary>Converts to a <see cref="DateTimeOffset"/> in UTC, truncating to 100 ns.</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddTicks((Seconds * TimeSpan.TicksPerSecond) + (Nanoseconds / 100));

    /// <summary>Converts from a <see cref="DateTimeOffset"/>.</summary>
    public static implicit operator TimeSpec(DateTimeOffset time) => FromDateTimeOffset(time);

    /// <inheritdoc />
    public bool Equals(TimeSpec other) => Seconds == other.Seconds && Nanoseconds == other.Nanoseconds;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TimeSpec other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Seconds, Nanoseconds);

    /// <inheritdoc />
    public override string ToString() => IsNow ? "UTIME_NOW" : IsOmit ? "UTIME_OMIT" : $"{Seconds}.{Nanoseconds:D9}";

    /// <summary>Compares two times.</summary>
    public static bool operator ==(TimeSpec left, TimeSpec right) => left.Equals(right);

    /// <summary>Compares two times.</summary>
    public static bool operator !=(TimeSpec left, TimeSpec right) => !left.Equals(right);
}
