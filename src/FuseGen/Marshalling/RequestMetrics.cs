using System.ComponentModel;
using System.Runtime.CompilerServices;
using FuseGen.Diagnostics;

namespace FuseGen.Marshalling;

/// <summary>
/// Where a generated entry point reports the start and end of a request to <see cref="FuseMetrics"/>:
/// <c>long start = RequestMetrics.Start("read"); ... return RequestMetrics.Stop("read", start, result);</c>.
/// The operation is a string literal, so the tags need neither a lookup nor a box. Used by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RequestMetrics
{
    /// <summary>A request of <paramref name="operation"/> starts: a timestamp, or 0 when nobody listens.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Start(string operation) => FuseMetrics.Enabled ? FuseMetrics.Start(operation) : 0;

    /// <summary>The request ends with <paramref name="result"/> (negative errno on error), which is returned unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stop(string operation, long start, int result)
    {
        if (start != 0)
        {
            FuseMetrics.Stop(operation, start, result);
        }

        return result;
    }

    /// <summary>
    /// The end of an inode-API request, which answered through its <see cref="InodeRequest"/> rather than by a return
    /// value: the error it answered on this thread (<c>fuse_reply_err</c>), if any, is the result. Called in the entry
    /// point's <c>finally</c>, after the reply.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StopReplied(string operation, long start)
    {
        if (start != 0)
        {
            FuseMetrics.Stop(operation, start, -InodeRequest.TakeReplyError());
        }
    }

    /// <summary>Like <see cref="Stop(string, long, int)"/>, for the operations answering an <c>ssize_t</c> (copy_file_range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint Stop(string operation, long start, nint result)
    {
        if (start != 0)
        {
            FuseMetrics.Stop(operation, start, result);
        }

        return result;
    }

    /// <summary>Like <see cref="Stop(string, long, int)"/>, for the operations answering an <c>off_t</c> (lseek).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Stop(string operation, long start, long result)
    {
        if (start != 0)
        {
            FuseMetrics.Stop(operation, start, result);
        }

        return result;
    }
}
