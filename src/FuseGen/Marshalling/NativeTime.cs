using System.ComponentModel;
using FuseGen.Interop;
using FuseGen.Interop.Native;

namespace FuseGen.Marshalling;

/// <summary>Reads <c>struct timespec</c> arrays. Used by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeTime
{
    /// <summary>Element <paramref name="index"/> of a <c>const struct timespec tv[]</c>; <see cref="TimeSpec.Now"/> for NULL.</summary>
    public static TimeSpec Read(void* times, int index)
    {
        if (times == null)
        {
            return TimeSpec.Now;
        }

        var time = ((timespec*)times)[index];
        return new TimeSpec(time.tv_sec, time.tv_nsec);
    }
}
