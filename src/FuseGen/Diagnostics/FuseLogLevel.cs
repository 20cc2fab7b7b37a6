namespace FuseGen.Diagnostics;

/// <summary>Severity of a libfuse log message: libfuse's <c>enum fuse_log_level</c> (syslog's levels), same values.</summary>
public enum FuseLogLevel
{
    /// <summary>The system is unusable (<c>FUSE_LOG_EMERG</c>).</summary>
    Emergency = 0,

    /// <summary>Action must be taken at once (<c>FUSE_LOG_ALERT</c>).</summary>
    Alert = 1,

    /// <summary>Critical condition (<c>FUSE_LOG_CRIT</c>).</summary>
    Critical = 2,

    /// <summary>Error (<c>FUSE_LOG_ERR</c>): most of libfuse's messages, e.g. <c>fuse: reading device: ...</c>.</summary>
    Error = 3,

    /// <summary>Warning (<c>FUSE_LOG_WARNING</c>).</summary>
    Warning = 4,

    /// <summary>Normal but significant (<c>FUSE_LOG_NOTICE</c>).</summary>
    Notice = 5,

    /// <summary>Informational (<c>FUSE_LOG_INFO</c>).</summary>
    Info = 6,

    /// <summary>Debug output (<c>FUSE_LOG_DEBUG</c>): the request traces of <c>-d</c>.</summary>
    Debug = 7,
}
