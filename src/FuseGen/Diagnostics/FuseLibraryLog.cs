using System;

namespace FuseGen.Diagnostics;

/// <summary>
/// Where libfuse's own log messages go (what libfuse prints on stderr: failures of the device, option errors,
/// <c>-d</c> request traces). libfuse has one log function per process, so this is process-wide, not per mount.
/// </summary>
/// <remarks>
/// Messages libfuse logs while a mount is being set up are not delivered here: they become the message of the
/// <see cref="FuseMountException"/> instead.
/// </remarks>
public static class FuseLibraryLog
{
    /// <summary>
    /// Receives each message, without libfuse's trailing newline; null (the default) writes them to stderr as libfuse
    /// would. Called on libfuse's threads: must be thread-safe and quick; an exception it throws is ignored.
    /// </summary>
    public static Action<FuseLogLevel, string>? Handler { get; set; }
}
