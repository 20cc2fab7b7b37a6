using System.ComponentModel;
using FuseGen.Interop;
using FuseGen.Interop.Native;

namespace FuseGen.Marshalling;

/// <summary>Converts <c>struct flock</c>. Used by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeLock
{
    /// <summary>Reads libfuse's lock description.</summary>
    public static FileLock Read(void* native)
    {
        var source = (flock*)native;
        return new FileLock
        {
            Type = (LockType)source->l_type,
            Whence = (Whence)source->l_whence,
            Start = source->l_start,
            Length = source->l_len,
            ProcessId = source->l_pid,
        };
    }

    /// <summary>Writes the (possibly updated) lock description back, for F_GETLK.</summary>
    public static void Write(in FileLock value, void* native)
    {
        var target = (flock*)native;
        target->l_type = (short)value.Type;
        target->l_whence = (short)value.Whence;
        target->l_start = value.Start;
        target->l_len = value.Length;
        target->l_pid = value.ProcessId;
    }
}
