// The inode API's other return forms: attributes through a ref Stat, entries and data returned, spans for link
// targets and xattr values, an open that returns nothing, and no [Release] although [Open] returns handles (the
// generator adds a release that frees them).
using System;
using FuseGen;

namespace Samples.Inode;

public sealed class FormsFile
{
}

[FuseInodeFileSystem]
public sealed partial class InodeFormsFs
{
    private static readonly byte[] Data = new byte[64];

    [Lookup]
    private InodeEntry Lookup(ulong parent, ReadOnlySpan<byte> name) => throw new FuseException(Errno.ENOENT);

    [Getattr]
    private Errno Getattr(ulong node, ref Stat stat) => Errno.None;

    [Setattr]
    private Errno Setattr(ulong node, AttributeChanges changes, FileInfo fileInfo, ref Stat stat) => Errno.None;

    [Readlink]
    private ReadOnlySpan<byte> Readlink(ulong node) => "target"u8;

    [Open]
    private FormsFile Open(ulong node) => new();

    [Read]
    private ReadOnlySpan<byte> Read(ulong node, long offset, long size) => Data.AsSpan(0, (int)Math.Min(size, Data.Length));

    [Opendir]
    private void Opendir(ulong node)
    {
    }

    [Getxattr]
    private ReadOnlySpan<byte> Getxattr(ulong node, string name) => "value"u8;

    [Getlk]
    private Errno Getlk(ulong node, ref FileLock lockInfo) => Errno.None;

    [Ioctl]
    private ReadOnlySpan<byte> Ioctl(ulong node, uint command) => "output"u8;

    [Statx]
    private Statx Statx(ulong node) => default;

    [Write]
    private long Write(ulong node, FormsFile file, ReadOnlySpan<byte> data, long offset) => data.Length;
}
