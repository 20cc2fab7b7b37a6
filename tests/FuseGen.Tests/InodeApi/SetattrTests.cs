using System;
using System.Collections.Generic;
using FuseGen.Marshalling;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// [Setattr] through its generated trampoline, called as libfuse calls it: the <c>to_set</c> mask and
/// <c>struct stat</c> arrive typed (<see cref="AttributeChanges"/>, UTIME_NOW as <see cref="TimeSpec.Now"/>), the open
/// file's handle when <c>fi</c> carries one, and the answer is the new attributes (<c>fuse_reply_attr</c>).
/// </summary>
[Collection(InodeStateCollection.Name)]
public sealed unsafe partial class SetattrTests
{
    private const ulong File = 2;
    private const int FUSE_SET_ATTR_MODE = 1, FUSE_SET_ATTR_UID = 2, FUSE_SET_ATTR_GID = 4, FUSE_SET_ATTR_SIZE = 8;
    private const int FUSE_SET_ATTR_ATIME = 16, FUSE_SET_ATTR_MTIME = 32, FUSE_SET_ATTR_ATIME_NOW = 128, FUSE_SET_ATTR_MTIME_NOW = 256;

    [Fact]
    public void Chmod_chown_and_truncate_arrive_typed_and_the_new_attributes_are_the_reply()
    {
        var fs = new AttributeFs();
        using var session = new KernelFreeInodeSession(fs);

        var reply = Setattr(session, new Stat { Mode = 0x8000 | 0x1C0, Uid = 1234, Gid = 567, Size = 10 }, FUSE_SET_ATTR_MODE | FUSE_SET_ATTR_UID | FUSE_SET_ATTR_GID | FUSE_SET_ATTR_SIZE);

        var changes = Assert.Single(fs.Changes);
        Assert.Equal(ChangedAttributes.Mode | ChangedAttributes.Uid | ChangedAttributes.Gid | ChangedAttributes.Size, changes.Fields);
        Assert.Equal((System.IO.UnixFileMode)0x1C0, changes.Permissions);
        Assert.Equal((1234u, 567u, 10L), (changes.Uid, changes.Gid, changes.Size));
        Assert.True(changes.AccessTime.IsOmit && changes.ModificationTime.IsOmit, changes.ToString());
        Assert.Null(fs.Handles[0]);
        Assert.Equal("attr", reply.Kind);
        Assert.Equal((FileType.Regular, 0x1C0u, 1234u, 567u, 10L), (reply.Stat.Type, reply.Stat.Mode & 0xFFF, reply.Stat.Uid, reply.Stat.Gid, reply.Stat.Size));
    }

    [Fact]
    public void Utime_now_and_a_given_time_are_told_apart_and_applied()
    {
        var fs = new AttributeFs();
        using var session = new KernelFreeInodeSession(fs);
        var given = new TimeSpec(1_000_000_000, 5);
        var before = TimeSpec.UtcNow.Seconds;

        var reply = Setattr(session, new Stat { ModificationTime = given }, FUSE_SET_ATTR_ATIME | FUSE_SET_ATTR_ATIME_NOW | FUSE_SET_ATTR_MTIME);

        var changes = Assert.Single(fs.Changes);
        Assert.True(changes.AccessTime.IsNow, changes.ToString());
        Assert.Equal(given, changes.ModificationTime);
        Assert.Null(changes.Size);
        Assert.Equal(given, reply.Stat.ModificationTime);
        Assert.InRange(reply.Stat.AccessTime.Seconds, before, before + 3600);
        Assert.InRange(reply.Stat.ChangeTime.Seconds, before, before + 3600);
        Assert.Equal(0x1A4u, reply.Stat.Mode & 0xFFF);

        Setattr(session, default, FUSE_SET_ATTR_MTIME | FUSE_SET_ATTR_MTIME_NOW);
        Assert.True(fs.Changes[1].ModificationTime.IsNow);
        Assert.True(fs.Changes[1].AccessTime.IsOmit);
    }

    [Fact]
    public void Ftruncate_passes_the_open_files_handle()
    {
        var fs = new AttributeFs();
        using var session = new KernelFreeInodeSession(fs);
        using var info = NativeBlock.FileInfo();
        var open = session.NewRequest();
        session.Operations->open(open, File, info.Pointer);
        Assert.Equal("open", session.SingleReply(open).Kind);

        var reply = Setattr(session, new Stat { Size = 3 }, FUSE_SET_ATTR_SIZE, info.Pointer);

        Assert.Equal(3, reply.Stat.Size);
        Assert.Same(fs.Opened, fs.Handles[0]);
    }

    [Fact]
    public void A_refusal_or_a_throw_is_one_error_reply()
    {
        var fs = new AttributeFs();
        using var session = new KernelFreeInodeSession(fs, new MountOptions { FaultHandler = _ => { } });

        Assert.Equal(("err", (int)Errno.EPERM), Kind(Setattr(session, new Stat { Uid = 0 }, FUSE_SET_ATTR_UID)));
        Assert.Equal(("err", (int)Errno.EIO), Kind(Setattr(session, new Stat { Size = -1 }, FUSE_SET_ATTR_SIZE)));
    }

    private static (string, int) Kind(InodeReply reply) => (reply.Kind, reply.Error);

    private static InodeReply Setattr(KernelFreeInodeSession session, Stat values, int toSet, byte* fileInfo = null)
    {
        using var attr = new NativeBlock(NativeStat.MaxSize);
        NativeStat.Write(in values, attr.Pointer);
        var request = session.NewRequest();
        session.Operations->setattr(request, File, attr.Pointer, toSet, fileInfo);
        return session.SingleReply(request);
    }

    /// <summary>One regular file (inode 2) whose attributes [Setattr] changes; uid 0 is refused, a negative size throws.</summary>
    [FuseInodeFileSystem]
    private sealed partial class AttributeFs
    {
        private Stat file = new() { Inode = File, Mode = 0x8000 | 0x1A4, Links = 1 };

        public List<AttributeChanges> Changes { get; } = new();

        public List<OpenFile?> Handles { get; } = new();

        public OpenFile? Opened { get; private set; }

        [Open]
        private OpenFile Open(ulong node) => Opened = new OpenFile();

        [Setattr]
        private Errno Setattr(ulong node, AttributeChanges changes, OpenFile? handle, ref Stat stat)
        {
            Changes.Add(changes);
            Handles.Add(handle);
            if (changes.Uid == 0)
            {
                return Errno.EPERM;
            }

            if (changes.Size < 0)
            {
                throw new InvalidOperationException("negative size");
            }

            changes.ApplyTo(ref file);
            stat = file;
            return Errno.None;
        }

        public sealed class OpenFile
        {
        }
    }
}
