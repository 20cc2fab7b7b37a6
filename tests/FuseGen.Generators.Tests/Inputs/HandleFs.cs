// Typed handles (open/opendir return objects that later operations receive) and the alternative return shapes of
// the xattr, lock and ioctl operations. No [Releasedir]: the generator adds one that frees directory handles.
using System;
using System.Collections.Generic;
using FuseGen;

namespace Samples.Handles;

public sealed class OpenFile
{
    public byte[] Data { get; } = new byte[16];
}

public sealed class OpenDirectory : IDisposable
{
    public int Position { get; set; }

    public void Dispose()
    {
    }
}

[FuseFileSystem]
public sealed partial class HandleFs
{
    private readonly Dictionary<string, byte[]> attributes = new();

    [Open]
    private OpenFile Open(string path) => path.Length > 0 ? new OpenFile() : throw new FuseException(Errno.ENOENT);

    [Read]
    private int Read(Span<byte> buffer, long offset, OpenFile file)
    {
        var available = Math.Max(0, file.Data.Length - (int)offset);
        var count = Math.Min(available, buffer.Length);
        file.Data.AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }

    [Release]
    private void Release(OpenFile file) => Array.Clear(file.Data);

    [Opendir]
    private OpenDirectory Opendir(ReadOnlySpan<byte> path) => new();

    [Readdir]
    private void Readdir(ref DirectoryFiller entries, long offset, OpenDirectory directory)
    {
        directory.Position = (int)offset;
        entries.Add("entry"u8, offset + 1);
    }

    [Getxattr]
    private byte[]? Getxattr(string path, string name) => attributes.TryGetValue(path + name, out var value) ? value : null;

    [Listxattr]
    private int Listxattr(string path, Span<byte> buffer) => buffer.IsEmpty ? path.Length : -(int)Errno.ERANGE;

    [Lock]
    private static int Lock(int command, ref FileLock lockInfo) => command == 5 ? 0 : -(int)Errno.EAGAIN;
}
