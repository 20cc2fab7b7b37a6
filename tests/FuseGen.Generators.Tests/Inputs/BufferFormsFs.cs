// The buffer-writing forms of getxattr and listxattr and readlink (int return + Span<byte> parameter).
using System;
using FuseGen;

namespace Samples.Buffers;

[FuseFileSystem]
public partial class BufferFormsFs
{
    [Getxattr]
    private static int Getxattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, Span<byte> buffer) =>
        buffer.IsEmpty ? name.Length : name.TryCopyTo(buffer) ? name.Length : -(int)Errno.ERANGE;

    [Listxattr]
    private static ReadOnlySpan<byte> Listxattr(ReadOnlySpan<byte> path) => "user.a\0user.b\0"u8;
}
