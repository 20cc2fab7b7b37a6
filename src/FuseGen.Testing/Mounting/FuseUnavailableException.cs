using System;

namespace FuseGen.Testing;

/// <summary>
/// This machine cannot mount FUSE (no /dev/fuse, no libfuse3, no permission), and mounting is not required
/// (<see cref="FuseAvailability.RequireVariable"/>). Its message starts with <c>$XunitDynamicSkip$</c>, the marker by
/// which xunit 3 (and any runner that honours it) reports the test as skipped with the rest of the message as reason;
/// in other frameworks it fails the test with that reason.
/// </summary>
public sealed class FuseUnavailableException : Exception
{
    /// <summary>The marker xunit 3 looks for at the start of an exception's message to report a skip.</summary>
    public const string DynamicSkipMarker = "$XunitDynamicSkip$";

    /// <summary>Creates the exception for <paramref name="reason"/>.</summary>
    /// <param name="reason">Why mounting is impossible (<see cref="FuseAvailability.Reason"/>).</param>
    public FuseUnavailableException(string reason)
        : base($"{DynamicSkipMarker}FUSE is unavailable: {reason} (set {FuseAvailability.RequireVariable}=1 to fail instead)")
    {
        Reason = reason;
    }

    /// <summary>Creates the exception with the default reason.</summary>
    public FuseUnavailableException()
        : this("unknown reason")
    {
    }

    /// <summary>Creates the exception with a message of the caller's and an inner exception.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">What made the mount impossible.</param>
    public FuseUnavailableException(string message, Exception innerException)
        : base($"{DynamicSkipMarker}{message}", innerException)
    {
        Reason = message;
    }

    /// <summary>Why mounting is impossible, without the marker.</summary>
    public string Reason { get; }
}
