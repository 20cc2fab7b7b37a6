using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FuseGen.Testing;
using FuseGen.Testing.InodeApi;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// The inode runtime through the generated trampolines of TreeInodeFs, called as
/// libfuse calls them, without a kernel: every request answered once, lookup counts kept in the table, handles,
/// paged listings, faults, and no allocation on getattr and read.
/// </summary>
[Collection(InodeStateCollection.Name)]
public sealed unsafe class InodeTrampolineTests
{
    private const int ENOENT = 2;
    private const int EIO = 5;
    private const ulong Root = 1;

    [Fact]
    public void Lookup_counts_an_entry_and_forget_gives_it_back()
    {
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs);

        var lookup = session.NewRequest();
        Lookup(session, lookup, Root, "hello");
        var entry = session.SingleReply(lookup);

        Assert.Equal("entry", entry.Kind);
        Assert.NotEqual(0ul, entry.Inode);
        Assert.Equal(entry.Inode, entry.Stat.Inode);
        Assert.Equal(TreeInodeFs.HelloText.Length, entry.Stat.Size);
        Assert.Equal(1, fs.Nodes.Count);
        Assert.Equal(1ul, fs.Nodes.LookupCount(entry.Inode));

        var forget = session.NewRequest();
        session.Operations->forget(forget, entry.Inode, 1);

        Assert.Equal("none", session.SingleReply(forget).Kind);
        Assert.Equal(0, fs.Nodes.Count);
        Assert.Equal(1, fs.Forgets);
    }

    [Fact]
    public void Hundred_thousand_lookups_and_forgets_through_the_trampolines_leave_the_table_empty()
    {
        const int Files = 100_000;
        var fs = new TreeInodeFs(directorySize: 0);
        using var session = new KernelFreeInodeSession(fs);
        var many = LookupInode(session, Root, "many");
        session.RecordReplies = false;

        var forgets = new ulong[2 * Files];
        for (var i = 0; i < Files; i++)
        {
            var request = session.NewRequest();
            using var name = NativeBlock.CString("n" + i);
            session.Operations->lookup(request, many, name.Pointer);
            Assert.True(fs.Nodes.TryGetInode(fs.Many.Find("n" + i)!, out var inode), $"n{i} is not in the table");
            forgets[2 * i] = inode;
            forgets[(2 * i) + 1] = 1;
        }

        Assert.Equal(Files + 1, fs.Nodes.Count);
        Assert.Equal(Files, fs.Many.HeldCount);

        // The kernel batches forgets: 1000 per BATCH_FORGET, which libfuse sends to forget_multi or, without one
        // (TreeInodeFs binds only [Forget]), to forget once per inode.
        var batched = session.Operations->forget_multi != null;
        fixed (ulong* items = forgets)
        {
            for (var batch = 0; batch < Files; batch += 1000)
            {
                session.BatchForget(1000, items + (2 * batch));
            }
        }

        session.Operations->forget(session.NewRequest(), many, 1);

        Assert.Equal(0, fs.Nodes.Count);
        Assert.Equal(0, fs.Many.HeldCount);
        Assert.Equal(1 + Files + (batched ? Files / 1000 : Files) + 1, session.ReplyCount);
    }

    [Fact]
    public void An_entry_the_kernel_does_not_take_is_not_counted()
    {
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs) { FailReplies = true };

        var request = session.NewRequest();
        Lookup(session, request, Root, "hello");

        Assert.Equal("entry", session.SingleReply(request).Kind);
        Assert.Equal(0, fs.Nodes.Count);
    }

    [Fact]
    public void Missing_names_answer_ENOENT_and_a_throwing_lookup_EIO_reported_once()
    {
        var faults = new List<FuseFault>();
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs, new MountOptions { FaultHandler = faults.Add });

        var missing = session.NewRequest();
        Lookup(session, missing, Root, "nothing");
        var boom = session.NewRequest();
        Lookup(session, boom, Root, "boom");

        Assert.Equal(("err", ENOENT), (session.SingleReply(missing).Kind, session.SingleReply(missing).Error));
        Assert.Equal(("err", EIO), (session.SingleReply(boom).Kind, session.SingleReply(boom).Error));
        var fault = Assert.Single(faults);
        Assert.Equal("lookup", fault.Operation);
        Assert.IsType<InvalidOperationException>(fault.Exception);
        Assert.Equal(0, fs.Nodes.Count);
    }

    [Fact]
    public void An_inode_the_table_does_not_hold_is_ESTALE()
    {
        using var session = new KernelFreeInodeSession(new TreeInodeFs());
        var request = session.NewRequest();

        session.Operations->getattr(request, 12345, null);

        Assert.Equal(116, session.SingleReply(request).Error);
    }

    [Fact]
    public void Getattr_answers_the_attributes_with_the_callers_context()
    {
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs);
        var caller = LookupInode(session, Root, "caller");

        var request = session.NewRequest();
        session.Operations->getattr(request, caller, null);

        var reply = session.SingleReply(request);
        Assert.Equal("attr", reply.Kind);
        Assert.Equal(KernelFreeSession.DefaultCaller.Pid, reply.Stat.Size);
    }

    /// <summary>
    /// The kernel takes st_ino from every getattr answer and keeps it as the inode's number: a Stat left at 0 must
    /// be numbered as entries are, or stat(1) shows inode 0 once the attributes were fetched again.
    /// </summary>
    [Fact]
    public void Getattr_numbers_attributes_without_st_ino_with_the_requests_inode()
    {
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs);
        var hello = LookupInode(session, Root, "hello");
        Assert.Equal(0ul, fs.Nodes.Root.Find("hello")!.Attributes().Inode);

        var request = session.NewRequest();
        session.Operations->getattr(request, hello, null);

        var reply = session.SingleReply(request);
        Assert.Equal(("attr", hello), (reply.Kind, reply.Stat.Inode));
    }

    [Fact]
    public void FuseContext_Current_is_the_inode_requests_caller()
    {
        using var session = new KernelFreeInodeSession(new TreeInodeFs());
        var current = LookupInode(session, Root, "current");

        var request = session.NewRequest();
        session.Operations->getattr(request, current, null);

        Assert.Equal(KernelFreeSession.DefaultCaller.Pid, session.SingleReply(request).Stat.Size);
    }

    [Fact]
    public void Open_read_release_use_a_typed_handle_and_the_thread_buffer()
    {
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs);
        var big = LookupInode(session, Root, "big");
        using var info = NativeBlock.FileInfo();

        var open = session.NewRequest();
        session.Operations->open(open, big, info.Pointer);
        var opened = session.SingleReply(open);
        Assert.Equal("open", opened.Kind);
        Assert.NotEqual(0ul, opened.Number);
        Assert.Equal(1, session.OpenHandles);

        var expected = TreeInodeFs.BigContent();
        var read = new List<byte>();
        for (long offset = 0; ; offset += 65536)
        {
            var request = session.NewRequest();
            session.Operations->read(request, big, 65536, offset, info.Pointer);
            var data = session.SingleReply(request);
            Assert.Equal("buf", data.Kind);
            if (data.Data!.Length == 0)
            {
                break;
            }

            read.AddRange(data.Data);
        }

        Assert.Equal(expected, read.ToArray());

        var release = session.NewRequest();
        session.Operations->release(release, big, info.Pointer);
        Assert.Equal(("err", 0), (session.SingleReply(release).Kind, session.SingleReply(release).Error));
        Assert.Equal(0, session.OpenHandles);
        Assert.Equal(1, fs.Releases);

        // A handle released is stale: the generation check answers EBADF.
        var stale = session.NewRequest();
        session.Operations->read(stale, big, 10, 0, info.Pointer);
        Assert.Equal(9, session.SingleReply(stale).Error);
    }

    [Fact]
    public void Opening_a_directory_answers_the_methods_errno()
    {
        using var session = new KernelFreeInodeSession(new TreeInodeFs());
        var dir = LookupInode(session, Root, "dir");
        using var info = NativeBlock.FileInfo();

        var open = session.NewRequest();
        session.Operations->open(open, dir, info.Pointer);

        Assert.Equal(21, session.SingleReply(open).Error);
        Assert.Equal(0, session.OpenHandles);
    }

    [Fact]
    public void An_open_the_kernel_does_not_take_frees_its_handle()
    {
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs);
        var hello = LookupInode(session, Root, "hello");
        using var info = NativeBlock.FileInfo();

        session.FailReplies = true;
        session.Operations->open(session.NewRequest(), hello, info.Pointer);

        Assert.Equal(1, fs.Opens);
        Assert.Equal(0, session.OpenHandles);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Paged_listings_resume_from_the_offsets_and_see_every_entry_once(bool plus)
    {
        const int Files = 1000;
        var fs = new TreeInodeFs(Files);
        using var session = new KernelFreeInodeSession(fs);
        var dir = LookupInode(session, Root, "dir");

        var names = new List<string>();
        var pages = 0;
        long offset = 0;
        while (true)
        {
            var request = session.NewRequest();
            if (plus)
            {
                session.Operations->readdirplus(request, dir, 4096, offset, null);
            }
            else
            {
                session.Operations->readdir(request, dir, 4096, offset, null);
            }

            var reply = session.SingleReply(request);
            Assert.Equal("buf", reply.Kind);
            Assert.True(reply.Data!.Length <= 4096, $"page of {reply.Data.Length} bytes for a 4096-byte request");
            var page = ParseDirectory(reply.Data, plus);
            if (page.Count == 0)
            {
                break;
            }

            pages++;
            names.AddRange(page.Select(e => e.Name));

            // readdir(3) hides entries with d_ino 0: every entry needs a number, known or not.
            Assert.All(page, e => Assert.NotEqual(0ul, e.Inode));
            offset = page[^1].Offset;
        }

        var expected = new[] { ".", ".." }.Concat(Enumerable.Range(0, Files).Select(i => $"f{i:D4}")).ToArray();
        Assert.Equal(expected, names.ToArray());
        Assert.True(pages > 5, $"{pages} pages: the listing was not paged");

        // readdirplus counts a lookup of every entry but "." and ".."; readdir none.
        Assert.Equal(plus ? Files + 1 : 1, fs.Nodes.Count);
    }

    [Fact]
    public void A_readdirplus_the_kernel_does_not_take_gives_its_lookups_back()
    {
        var fs = new TreeInodeFs(100);
        using var session = new KernelFreeInodeSession(fs);
        var dir = LookupInode(session, Root, "dir");

        session.FailReplies = true;
        session.Operations->readdirplus(session.NewRequest(), dir, 4096, 0, null);

        Assert.Equal(1, fs.Nodes.Count);
        Assert.Equal(1ul, fs.Nodes.LookupCount(dir));
    }

    [Fact]
    public void Init_runs_the_filesystems_init_through_the_wrapper()
    {
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs);

        session.Operations->init(session.UserData, null);

        Assert.Equal(1, fs.Inits);
        Assert.Empty(session.Replies);
    }

    [Fact]
    public void Getattr_and_read_allocate_nothing()
    {
        var fs = new TreeInodeFs();
        using var session = new KernelFreeInodeSession(fs);
        var big = LookupInode(session, Root, "big");
        using var info = NativeBlock.FileInfo();
        session.Operations->open(session.NewRequest(), big, info.Pointer);
        session.RecordReplies = false;
        Serve(session, big, info.Pointer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Serve(session, big, info.Pointer);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);

        static void Serve(KernelFreeInodeSession session, ulong inode, void* info)
        {
            for (var i = 0; i < 1000; i++)
            {
                session.Operations->getattr(session.NewRequest(), inode, null);
                session.Operations->read(session.NewRequest(), inode, 131072, (i % 8) * 131072L, info);
            }
        }
    }

    private static void Lookup(KernelFreeInodeSession session, void* request, ulong parent, string name)
    {
        using var native = NativeBlock.CString(name);
        session.Operations->lookup(request, parent, native.Pointer);
    }

    private static ulong LookupInode(KernelFreeInodeSession session, ulong parent, string name)
    {
        var request = session.NewRequest();
        Lookup(session, request, parent, name);
        var reply = session.SingleReply(request);
        Assert.Equal("entry", reply.Kind);
        return reply.Inode;
    }

    /// <summary>Reads <c>struct fuse_dirent</c> records (after a 128-byte <c>fuse_entry_out</c> each, for readdirplus).</summary>
    private static List<(string Name, long Offset, ulong Inode)> ParseDirectory(byte[] data, bool plus)
    {
        var entries = new List<(string, long, ulong)>();
        var prefix = plus ? 128 : 0;
        var position = 0;
        while (position + prefix + 24 <= data.Length)
        {
            var inode = BitConverter.ToUInt64(data, position + prefix);
            var offset = BitConverter.ToInt64(data, position + prefix + 8);
            var length = BitConverter.ToInt32(data, position + prefix + 16);
            entries.Add((Encoding.UTF8.GetString(data, position + prefix + 24, length), offset, inode));
            position += (prefix + 24 + length + 7) & ~7;
        }

        return entries;
    }
}
