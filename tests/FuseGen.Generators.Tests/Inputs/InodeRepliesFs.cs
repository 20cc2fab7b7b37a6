// The inode API's reply forms neither InodeFs nor InodeFormsFs can hold (one method per operation per class): an
// ioctl answered by a status alone, and a [ForgetMulti] without [Forget] on node objects.
using System;
using FuseGen;

namespace Samples.Inode;

[FuseInodeFileSystem]
public sealed partial class InodeRepliesFs
{
    [Lookup]
    private Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;

    [Ioctl]
    private Errno Ioctl(ulong node, uint command, ReadOnlySpan<byte> input) => input.IsEmpty ? Errno.EINVAL : Errno.None;

    [ForgetMulti]
    private static void ForgetMulti(ReadOnlySpan<InodeForget> forgets)
    {
    }
}
