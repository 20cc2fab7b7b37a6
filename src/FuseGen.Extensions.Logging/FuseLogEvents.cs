namespace FuseGen.Extensions.Logging;

/// <summary>The event ids FuseGen logs with, for filtering.</summary>
public static class FuseLogEvents
{
    /// <summary>An operation threw: a <see cref="FuseFault"/>, logged as an error with its exception.</summary>
    public const int Fault = 1;

    /// <summary>A message of libfuse's own log, at its level (<c>-d</c> request traces are debug).</summary>
    public const int Libfuse = 2;
}
