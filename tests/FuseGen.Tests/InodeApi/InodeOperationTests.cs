using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// The inode operations bound last (getlk, setlk, ioctl, poll, write_buf, retrieve_reply, forget_multi, statx)
/// through their generated trampolines, called as libfuse calls them: what the method receives, and the one reply.
/// </summary>
[Collection(InodeStateCollection.Name)]
public sealed unsafe partial class InodeOperationTests
{
    private const ulong File = 2;

    [Fact]
    public void Getlk_answers_the_conflicting_lock_and_setlk_receives_the_lock_and_whether_to_wait()
    {
        var fs = new OperationsFs();
        using var session = new KernelFreeInodeSession(fs);
        using var info = NativeBlock.FileInfo();
        using var query = new NativeBlock(32);
        *(short*)query.Pointer = 1; // F_WRLCK
        *(long*)(query.Pointer + 8) = 100;
        *(long*)(query.Pointer + 16) = 10;

        var getlk = session.NewRequest();
        session.Operations->getlk(getlk, File, info.Pointer, query.Pointer);
        var reply = session.SingleReply(getlk);
        Assert.Equal("lock", reply.Kind);
        Assert.Equal((short)0, BitConverter.ToInt16(reply.Data!, 0)); // F_RDLCK: the conflicting lock
        Assert.Equal(100, BitConverter.ToInt64(reply.Data!, 8));
        Assert.Equal(4242, BitConverter.ToInt32(reply.Data!, 24));
        Assert.Equal("getlk Write 100 10", fs.Log.Last());

        var setlk = session.NewRequest();
        session.Operations->setlk(setlk, File, info.Pointer, query.Pointer, 1);
        Assert.Equal(("err", (int)Errno.EAGAIN), (session.SingleReply(setlk).Kind, session.SingleReply(setlk).Error));
        Assert.Equal("setlk Write 100 10 wait", fs.Log.Last());
    }

    [Fact]
    public void Ioctl_reads_the_input_and_sends_the_output_the_method_filled()
    {
        var fs = new OperationsFs();
        using var session = new KernelFreeInodeSession(fs);
        using var info = NativeBlock.FileInfo();
        using var input = new NativeBlock(4);
        "abcd"u8.CopyTo(input.Span);

        var request = session.NewRequest();
        session.Operations->ioctl(request, File, 0x1234, null, info.Pointer, 0, input.Pointer, 4, 6);
        var reply = session.SingleReply(request);
        Assert.Equal(("ioctl", 7ul), (reply.Kind, reply.Number));
        Assert.Equal("dcba\0\0"u8.ToArray(), reply.Data);

        var refused = session.NewRequest();
        session.Operations->ioctl(refused, File, 0x9999, null, info.Pointer, 0, null, 0, 0);
        Assert.Equal(("err", (int)Errno.ENOTTY), (session.SingleReply(refused).Kind, session.SingleReply(refused).Error));
    }

    [Fact]
    public void Poll_answers_the_ready_events_and_a_handle_not_kept_is_released()
    {
        var fs = new OperationsFs();
        using var session = new KernelFreeInodeSession(fs);
        using var info = NativeBlock.FileInfo();
        using var handle = new NativeBlock(16);

        var request = session.NewRequest();
        session.Operations->poll(request, File, info.Pointer, handle.Pointer);
        Assert.Equal(("poll", (ulong)PollEvents.In), (session.SingleReply(request).Kind, session.SingleReply(request).Number));
        Assert.True(fs.KeptPollHandle!.IsPresent);
        Assert.Equal(0, session.PollHandlesDestroyed);
        fs.KeptPollHandle.Dispose();
        Assert.Equal(1, session.PollHandlesDestroyed);
    }

    [Fact]
    public void Write_buf_copies_the_buffer_vector_into_a_span_and_answers_the_count()
    {
        var fs = new OperationsFs();
        using var session = new KernelFreeInodeSession(fs);
        using var info = NativeBlock.FileInfo();
        using var data = new NativeBlock(5);
        "hello"u8.CopyTo(data.Span);
        using var vector = BufferVector(data);

        var request = session.NewRequest();
        session.Operations->write_buf(request, File, vector.Pointer, 3, info.Pointer);
        Assert.Equal(("write", 5ul), (session.SingleReply(request).Kind, session.SingleReply(request).Number));
        Assert.Equal("write_buf hello at 3", fs.Log.Last());
    }

    [Fact]
    public void Retrieve_reply_receives_the_cookie_and_data_and_is_answered_with_none_even_when_it_throws()
    {
        var fs = new OperationsFs();
        var faults = new List<FuseFault>();
        using var session = new KernelFreeInodeSession(fs, new MountOptions { FaultHandler = faults.Add });
        using var data = new NativeBlock(3);
        "xyz"u8.CopyTo(data.Span);
        using var vector = BufferVector(data);

        var request = session.NewRequest();
        session.Operations->retrieve_reply(request, (void*)77, File, 4096, vector.Pointer);
        Assert.Equal("none", session.SingleReply(request).Kind);
        Assert.Equal("retrieve 2 cookie 77 at 4096: xyz", fs.Log.Last());

        var throwing = session.NewRequest();
        session.Operations->retrieve_reply(throwing, (void*)13, File, 0, vector.Pointer);
        Assert.Equal("none", session.SingleReply(throwing).Kind);
        Assert.Equal("retrieve_reply", Assert.Single(faults).Operation);
    }

    [Fact]
    public void Statx_fills_the_reply_from_the_method()
    {
        var fs = new OperationsFs();
        using var session = new KernelFreeInodeSession(fs);

        var request = session.NewRequest();
        session.Operations->statx(request, File, 0x800, (int)(StatxMask.BasicStats | StatxMask.BirthTime), null);
        var reply = session.SingleReply(request);
        Assert.Equal(("statx", 1234ul), (reply.Kind, reply.Number));
        var statx = MemoryMarshal.Read<Statx>(reply.Data);
        Assert.Equal(new TimeSpec(1_000_000_000, 1), statx.BirthTime);
        Assert.Equal("statx 800 fff", fs.Log.Last());
    }

    [Fact]
    public void Forget_multi_alone_receives_batches_and_single_forgets_and_the_table_empties()
    {
        const int Files = 100_000;
        var fs = new BatchFs();
        using var session = new KernelFreeInodeSession(fs);
        session.RecordReplies = false;
        var items = new ulong[2 * Files];
        for (var i = 0; i < Files; i++)
        {
            using var name = NativeBlock.CString("n" + i);
            session.Operations->lookup(session.NewRequest(), 1, name.Pointer);
            session.Operations->lookup(session.NewRequest(), 1, name.Pointer);
            Assert.True(fs.Nodes.TryGetInode(fs.Made[i], out var inode));
            items[2 * i] = inode;
            items[(2 * i) + 1] = 2;
        }

        Assert.Equal(Files, fs.Nodes.Count);
        var replies = session.ReplyCount;

        // The kernel's BATCH_FORGET (1000 inodes each) for the first half, single FORGETs (one lookup at a time) for the rest.
        fixed (ulong* forgets = items)
        {
            for (var batch = 0; batch < Files / 2; batch += 1000)
            {
                session.BatchForget(1000, forgets + (2 * batch));
            }
        }

        for (var i = Files / 2; i < Files; i++)
        {
            session.Operations->forget(session.NewRequest(), items[2 * i], 1);
            session.Operations->forget(session.NewRequest(), items[2 * i], 1);
        }

        Assert.Equal(0, fs.Nodes.Count);
        Assert.Equal((Files / 2 / 1000) + Files, fs.Batches);
        Assert.Equal(2L * Files, fs.Forgotten);
        Assert.Equal((Files / 2 / 1000) + Files, session.ReplyCount - replies);
    }

    /// <summary>A <c>struct fuse_bufvec</c> of one memory buffer over <paramref name="data"/>.</summary>
    private static NativeBlock BufferVector(NativeBlock data)
    {
        var vector = new NativeBlock(24 + 48);
        *(nuint*)vector.Pointer = 1;
        var buffer = vector.Pointer + 24;
        *(nuint*)buffer = (nuint)data.Size;
        *(void**)(buffer + 16) = data.Pointer;
        *(int*)(buffer + 24) = -1;
        return vector;
    }

    [FuseInodeFileSystem]
    private sealed partial class OperationsFs
    {
        public List<string> Log { get; } = new();

        public PollHandle? KeptPollHandle { get; private set; }

        [Getlk]
        private Errno Getlk(ulong node, ref FileLock lockInfo)
        {
            Log.Add($"getlk {lockInfo.Type} {lockInfo.Start} {lockInfo.Length}");
            lockInfo.Type = LockType.Read;
            lockInfo.ProcessId = 4242;
            return Errno.None;
        }

        [Setlk]
        private Errno Setlk(ulong node, FileLock lockInfo, bool wait)
        {
            Log.Add($"setlk {lockInfo.Type} {lockInfo.Start} {lockInfo.Length}{(wait ? " wait" : "")}");
            return Errno.EAGAIN;
        }

        [Ioctl]
        private int Ioctl(ulong node, uint command, ReadOnlySpan<byte> input, Span<byte> output)
        {
            if (command != 0x1234)
            {
                return -(int)Errno.ENOTTY;
            }

            for (var i = 0; i < input.Length; i++)
            {
                output[i] = input[input.Length - 1 - i];
            }

            return 7;
        }

        [Poll]
        private PollEvents Poll(ulong node, PollHandle pollHandle)
        {
            KeptPollHandle = pollHandle;
            return PollEvents.In;
        }

        [WriteBuf]
        private long WriteBuf(ulong node, FuseBufferVector data, long offset)
        {
            var bytes = new byte[data.Size];
            var copied = data.CopyTo(bytes);
            Log.Add($"write_buf {System.Text.Encoding.ASCII.GetString(bytes)} at {offset}");
            return copied;
        }

        [RetrieveReply]
        private void RetrieveReply(ulong node, ulong cookie, long offset, FuseBufferVector data)
        {
            if (cookie == 13)
            {
                throw new InvalidOperationException("retrieve 13");
            }

            var bytes = new byte[data.Size];
            data.CopyTo(bytes);
            Log.Add($"retrieve {node} cookie {cookie} at {offset}: {System.Text.Encoding.ASCII.GetString(bytes)}");
        }

        [Statx]
        private Errno Statx(ulong node, StatxFlags flags, StatxMask mask, ref Statx statx)
        {
            Log.Add($"statx {(int)flags:x} {(uint)mask:x}");
            statx.SetBasicStats(new Stat { Inode = node, Type = FileType.Regular, Size = 1234 });
            statx.BirthTime = new TimeSpec(1_000_000_000, 1);
            statx.Mask |= StatxMask.BirthTime;
            return Errno.None;
        }
    }

    /// <summary>Names made on lookup in the root, kept in an inode table; binds [ForgetMulti] and no [Forget].</summary>
    [FuseInodeFileSystem]
    private sealed partial class BatchFs
    {
        private long forgotten;

        public BatchFs() => Nodes = new InodeTable<object>(new object());

        public InodeTable<object> Nodes { get; }

        InodeTable? IFuseInodeFileSystem.Inodes => Nodes;

        public List<object> Made { get; } = new();

        public int Batches { get; private set; }

        public long Forgotten => forgotten;

        [Lookup]
        private InodeEntry Lookup(ulong parent, string name)
        {
            var index = int.Parse(name.AsSpan(1));
            if (index == Made.Count)
            {
                Made.Add(new object());
            }

            return new InodeEntry(Made[index], new Stat { Type = FileType.Regular });
        }

        [ForgetMulti]
        private void ForgetMulti(ReadOnlySpan<InodeForget> forgets)
        {
            Batches++;
            foreach (var forget in forgets)
            {
                forgotten += (long)forget.Count;
            }
        }
    }
}
