using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace FuseGen.Testing;

/// <summary>
/// The usual requests as one call each, for tests that check what an inode filesystem answers rather than how it is
/// called: each sends the requests the kernel would (open, read until end of file, release), waits for the reply,
/// deferred or not, and answers the errno the filesystem replied. An operation the filesystem does not implement
/// answers ENOSYS, as libfuse does.
/// </summary>
public sealed unsafe partial class KernelFreeInodeSession
{
    /// <summary>The inode of the mount root (<c>FUSE_ROOT_ID</c>).</summary>
    public const ulong RootInode = 1;

    private const int ReadChunk = 64 * 1024;

    // struct fuse_dirent: ino, off, namelen, type, then the name, padded to 8 bytes.
    private const int DirentHeaderSize = 24;

    // struct fuse_entry_out before each fuse_dirent of a readdirplus reply.
    private const int EntryOutSize = 128;

    /// <summary>How long a call waits for a reply the filesystem deferred (an async method still running).</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>lookup of <paramref name="name"/> in the directory <paramref name="parent"/>.</summary>
    /// <param name="parent">The directory's inode (<see cref="RootInode"/> for the root).</param>
    /// <param name="name">One name, without <c>/</c>.</param>
    /// <param name="entry">The <c>entry</c> reply (inode, generation, attributes) when the lookup succeeded, else null.</param>
    /// <remarks>A found entry counts one lookup, as it does for the kernel: forget it through <see cref="Operations"/> if the test needs the table empty.</remarks>
    public Errno Lookup(ulong parent, string name, out InodeReply? entry)
    {
        entry = null;
        if (operations->lookup == null)
        {
            return Errno.ENOSYS;
        }

        using var native = NativeBlock.CString(name);
        var request = NewRequest();
        operations->lookup(request, parent, native.Pointer);
        var reply = AwaitReply(request);
        if (reply.Kind != "entry")
        {
            return ErrnoOf(reply);
        }

        entry = reply;
        return Errno.None;
    }

    /// <summary>getattr of <paramref name="inode"/>.</summary>
    /// <param name="inode">The inode (<see cref="RootInode"/> or one a lookup answered).</param>
    /// <param name="stat">The attributes when the call succeeded, else default.</param>
    public Errno Getattr(ulong inode, out Stat stat)
    {
        stat = default;
        if (operations->getattr == null)
        {
            return Errno.ENOSYS;
        }

        var request = NewRequest();
        operations->getattr(request, inode, null);
        var reply = AwaitReply(request);
        if (reply.Kind != "attr")
        {
            return ErrnoOf(reply);
        }

        stat = reply.Stat;
        return Errno.None;
    }

    /// <summary>Opens <paramref name="inode"/> read-only, reads it to the end and releases it.</summary>
    /// <param name="inode">A file's inode.</param>
    /// <param name="content">The bytes read when every call succeeded, else empty.</param>
    public Errno ReadFile(ulong inode, out byte[] content)
    {
        content = Array.Empty<byte>();
        if (operations->read == null)
        {
            return Errno.ENOSYS;
        }

        using var info = NativeBlock.FileInfo();
        if (Open(operations->open, inode, info) is var opened and not Errno.None)
        {
            return opened;
        }

        var read = new List<byte>();
        var result = Errno.None;
        while (true)
        {
            var request = NewRequest();
            operations->read(request, inode, ReadChunk, read.Count, (Interop.Native.fuse_file_info*)info.Pointer);
            var reply = AwaitReply(request);
            if (reply.Kind != "buf")
            {
                result = ErrnoOf(reply);
                break;
            }

            if (reply.Data is not { Length: > 0 } data)
            {
                break;
            }

            read.AddRange(data);
        }

        Release(operations->release, inode, info);

        if (result != Errno.None)
        {
            return result;
        }

        content = read.ToArray();
        return Errno.None;
    }

    /// <summary>
    /// Opens the directory <paramref name="inode"/>, lists it with readdir (readdirplus when the filesystem has only
    /// that, forgetting each entry's lookup again) and releases it.
    /// </summary>
    /// <param name="inode">A directory's inode.</param>
    /// <param name="names">The names listed, in order, without <c>.</c> and <c>..</c>, when every call succeeded, else empty.</param>
    public Errno List(ulong inode, out IReadOnlyList<string> names)
    {
        names = Array.Empty<string>();
        var plus = operations->readdir == null;
        if (plus && operations->readdirplus == null)
        {
            return Errno.ENOSYS;
        }

        using var info = NativeBlock.FileInfo();
        if (Open(operations->opendir, inode, info) is var opened and not Errno.None)
        {
            return opened;
        }

        var listed = new List<string>();
        var result = Errno.None;
        long offset = 0;
        while (true)
        {
            var request = NewRequest();
            if (plus)
            {
                operations->readdirplus(request, inode, ReadChunk, offset, (Interop.Native.fuse_file_info*)info.Pointer);
            }
            else
            {
                operations->readdir(request, inode, ReadChunk, offset, (Interop.Native.fuse_file_info*)info.Pointer);
            }

            var reply = AwaitReply(request);
            if (reply.Kind != "buf")
            {
                result = ErrnoOf(reply);
                break;
            }

            if (reply.Data is not { Length: > 0 } data)
            {
                break;
            }

            offset = ParseEntries(data, plus, listed);
        }

        Release(operations->releasedir, inode, info);

        if (result != Errno.None)
        {
            return result;
        }

        names = listed;
        return Errno.None;
    }

    // open or opendir, when the filesystem has it: the handle its reply names goes into info for what follows.
    private Errno Open(delegate* unmanaged[Cdecl]<void*, ulong, Interop.Native.fuse_file_info*, void> open, ulong inode, NativeBlock info)
    {
        if (open == null)
        {
            return Errno.None;
        }

        var request = NewRequest();
        open(request, inode, (Interop.Native.fuse_file_info*)info.Pointer);
        var reply = AwaitReply(request);
        if (reply.Kind != "open")
        {
            return ErrnoOf(reply);
        }

        info.Write(NativeBlock.FileInfoHandleOffset, reply.Number);
        return Errno.None;
    }

    // release or releasedir, when the filesystem has it.
    private void Release(delegate* unmanaged[Cdecl]<void*, ulong, Interop.Native.fuse_file_info*, void> release, ulong inode, NativeBlock info)
    {
        if (release != null)
        {
            var request = NewRequest();
            release(request, inode, (Interop.Native.fuse_file_info*)info.Pointer);
            AwaitReply(request);
        }
    }

    // Reads one reply buffer of dirents (or direntplus records) into names; returns the offset to resume from.
    private long ParseEntries(byte[] data, bool plus, List<string> names)
    {
        long offset = 0;
        var position = 0;
        fixed (byte* start = data)
        {
            while (position < data.Length)
            {
                var record = start + position;
                var entryNode = plus ? *(ulong*)record : 0;
                var dirent = plus ? record + EntryOutSize : record;
                offset = *(long*)(dirent + 8);
                var length = *(uint*)(dirent + 16);
                var name = Encoding.UTF8.GetString(dirent + DirentHeaderSize, (int)length);
                if (name is not ("." or ".."))
                {
                    names.Add(name);

                    // The kernel counts a lookup for every named node of a readdirplus reply and forgets it later.
                    if (entryNode != 0 && operations->forget != null)
                    {
                        operations->forget(NewRequest(), entryNode, 1);
                    }
                }

                position += (plus ? EntryOutSize : 0) + ((DirentHeaderSize + (int)length + 7) & ~7);
            }
        }

        return offset;
    }

    private static Errno ErrnoOf(InodeReply reply) =>
        reply.Kind == "err" && reply.Error != 0
            ? (Errno)reply.Error
            : throw new InvalidOperationException($"the filesystem answered '{reply.Kind}' where another reply was expected: {reply}");

    // A reply comes inline from a synchronous method, later from another thread for an async one still running.
    private InodeReply AwaitReply(void* request)
    {
        if (!RecordReplies)
        {
            throw new InvalidOperationException("the one-call requests read the recorded replies: set RecordReplies to true");
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = RepliesTo(request);
            if (found.Count > 0)
            {
                return found.Count == 1
                    ? found[0]
                    : throw new InvalidOperationException($"request {(nint)request:x} got {found.Count} replies: {string.Join(", ", found)}");
            }

            if (clock.Elapsed > ReplyTimeout)
            {
                throw new TimeoutException($"request {(nint)request:x} got no reply in {ReplyTimeout.TotalSeconds:0.#} s");
            }

            Thread.Sleep(1);
        }
    }
}
