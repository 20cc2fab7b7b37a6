using System;
using System.ComponentModel;
using FuseGen.Interop;

namespace FuseGen.Marshalling;

/// <summary>Spans over libfuse's data buffers, without copying. Used by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeBuffer
{
    /// <summary>A writable view of <paramref name="size"/> bytes (read requests are at most a few MiB).</summary>
    public static Span<byte> AsSpan(byte* buffer, nuint size) => new(buffer, checked((int)size));

    /// <summary>A read-only view of <paramref name="size"/> bytes.</summary>
    public static ReadOnlySpan<byte> AsReadOnlySpan(byte* buffer, nuint size) => new(buffer, checked((int)size));
}
