// A filesystem nested in partial types inside a block-scoped namespace; readlink writes into the kernel's buffer
// and returns the byte count (the int return form).
using System;
using FuseGen;

namespace Contoso.Storage.Links
{
    public static partial class Mounts
    {
        internal partial record Registry(string Name)
        {
            [FuseFileSystem]
            internal sealed partial class LinkFs
            {
                private static ReadOnlySpan<byte> Target => "/hello"u8;

                [Getattr]
                private static Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat)
                {
                    if (path.SequenceEqual("/"u8))
                    {
                        stat.Mode = (uint)FileType.Directory | 0x1ED;
                        return Errno.None;
                    }

                    if (!path.SequenceEqual("/link"u8))
                    {
                        return Errno.ENOENT;
                    }

                    stat.Mode = (uint)FileType.SymbolicLink | 0x1FF;
                    stat.Size = Target.Length;
                    return Errno.None;
                }

                [Readlink]
                private static int ReadLink(ReadOnlySpan<byte> path, Span<byte> buffer)
                {
                    if (!path.SequenceEqual("/link"u8))
                    {
                        return -(int)Errno.ENOENT;
                    }

                    var length = Math.Min(Target.Length, buffer.Length);
                    Target.Slice(0, length).CopyTo(buffer);
                    return length;
                }

                [Readdir]
                private static Errno ReadDir(ReadOnlySpan<byte> path, ref DirectoryFiller entries, long offset, FileInfo directory, ReaddirFlags flags)
                {
                    if (offset == 0 && flags == ReaddirFlags.Plus && directory.IsPresent)
                    {
                        entries.Add("link"u8);
                    }

                    return Errno.None;
                }
            }
        }
    }
}
