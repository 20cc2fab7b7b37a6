using System;
using FuseGen.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FuseGen.Extensions.Logging;

/// <summary>The log messages of FuseGen, with their event ids (one method per event; the source generator writes them).</summary>
internal static partial class FuseLog
{
    [LoggerMessage(EventId = FuseLogEvents.Fault, EventName = nameof(FuseLogEvents.Fault), Level = LogLevel.Error,
        Message = "{Operation} {Path} failed with {ExceptionType}, answered {Errno} (pid {ProcessId}, uid {UserId}, gid {GroupId})")]
    public static partial void Fault(ILogger logger, Exception exception, string operation, string? path, string exceptionType, Errno errno, int processId, uint userId, uint groupId);

    [LoggerMessage(EventId = FuseLogEvents.Libfuse, EventName = nameof(FuseLogEvents.Libfuse), Message = "{Message}")]
    public static partial void Libfuse(ILogger logger, LogLevel level, string message);

    /// <summary>libfuse's levels (syslog's) as <see cref="LogLevel"/>: notice is information, the three worst are critical.</summary>
    public static LogLevel ToLogLevel(FuseLogLevel level) => level switch
    {
        FuseLogLevel.Emergency or FuseLogLevel.Alert or FuseLogLevel.Critical => LogLevel.Critical,
        FuseLogLevel.Error => LogLevel.Error,
        FuseLogLevel.Warning => LogLevel.Warning,
        FuseLogLevel.Notice or FuseLogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
