using System;
using FuseGen.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FuseGen.Extensions.Logging;

/// <summary>Sends FuseGen's fault reports and libfuse's log to an <see cref="ILogger"/>.</summary>
public static class FuseLoggingExtensions
{
    /// <summary>Category of the loggers <see cref="UseLogging(MountOptions, ILoggerFactory)"/> creates: <c>FuseGen</c>.</summary>
    public const string Category = "FuseGen";

    /// <summary>
    /// Fault reports of mounts with these options go to <paramref name="logger"/> (event <see cref="FuseLogEvents.Fault"/>,
    /// level error, with the exception and the operation, path, errno and caller as properties) instead of stderr.
    /// </summary>
    /// <returns>The same options.</returns>
    public static MountOptions UseLogger(this MountOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.FaultHandler = fault => LogFault(logger, fault);
        return options;
    }

    /// <summary>
    /// <see cref="UseLogger"/> with a <c>FuseGen</c> logger of <paramref name="factory"/>, and libfuse's log (process-wide,
    /// see <see cref="FuseLibraryLog"/>) to it as well.
    /// </summary>
    /// <returns>The same options.</returns>
    public static MountOptions UseLogging(this MountOptions options, ILoggerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var logger = factory.CreateLogger(Category);
        LogLibfuseTo(logger);
        return options.UseLogger(logger);
    }

    /// <summary>
    /// Sends libfuse's log messages to <paramref name="logger"/> (event <see cref="FuseLogEvents.Libfuse"/>, at libfuse's
    /// level: errors as errors, notice and info as information, <c>-d</c> traces as debug). Process-wide.
    /// </summary>
    public static void LogLibfuseTo(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        FuseLibraryLog.Handler = (level, message) => FuseLog.Libfuse(logger, FuseLog.ToLogLevel(level), message);
    }

    /// <summary>Writes one fault report to <paramref name="logger"/>, for a fault handler that does more than log.</summary>
    public static void LogFault(ILogger logger, FuseFault fault)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(fault);
        var path = fault.Path ?? (fault.Inode is { } inode ? "inode " + inode : null);
        FuseLog.Fault(logger, fault.Exception, fault.Operation, path, fault.Exception.GetType().Name, fault.Errno, fault.ProcessId, fault.UserId, fault.GroupId);
    }
}
