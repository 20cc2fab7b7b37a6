using System;
using System.ComponentModel;
using FuseGen.Interop;

namespace FuseGen.Marshalling;

/// <summary>The data buffer of a restricted ioctl. Used by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeIoctl
{
    /// <summary>
    /// libfuse copies <c>_IOC_SIZE(cmd)</c> bytes in (for _IOW) and out (for _IOR): the span covers exactly that.
    /// </summary>
    public static Span<byte> Data(void* data, uint command)
    {
        var size = (int)((command >> 16) & 0x3FFF);
        return data == null ? default : new Span<byte>(data, size);
    }
}
