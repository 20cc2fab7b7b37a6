using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen.Diagnostics;

namespace FuseGen.Interop;

/// <summary>
/// Receives libfuse's log messages. While a mount is being set up on a thread they are collected, so a failure
/// becomes one precise error line instead of libfuse's text followed by ours; otherwise they go to stderr as
/// libfuse would print them (including <c>-d</c> request traces), or to <see cref="FuseLibraryLog.Handler"/>.
/// </summary>
internal static unsafe class FuseLog
{
    [ThreadStatic]
    private static StringBuilder? captured;

    public static void Install()
    {
        if (LibFuse.fuse_set_log_func != null)
        {
            LibFuse.fuse_set_log_func(&Log);
        }
    }

    /// <summary>Starts collecting messages logged on this thread.</summary>
    public static void BeginCapture() => captured = new StringBuilder();

    /// <summary>Stops collecting and returns the messages, one line, without libfuse's trailing newline.</summary>
    public static string EndCapture()
    {
        var text = captured?.ToString() ?? "";
        captured = null;
        return text.Replace('\n', ' ').Trim();
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void Log(int level, byte* format, void* arguments)
    {
        try
        {
            const int Capacity = 1024;
            var buffer = stackalloc byte[Capacity];
            var length = LibC.vsnprintf(buffer, Capacity, format, arguments);
            var message = Encoding.UTF8.GetString(buffer, Math.Clamp(length, 0, Capacity - 1));
            if (captured is { } sink)
            {
                sink.Append(message);
            }
            else if (FuseLibraryLog.Handler is { } handler)
            {
                handler((FuseLogLevel)level, message.TrimEnd('\n'));
            }
            else
            {
                Console.Error.Write(message);
            }
        }
        catch (Exception)
        {
            // Logging must never unwind into libfuse.
        }
    }
}
