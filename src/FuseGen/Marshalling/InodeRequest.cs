using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System;
using FuseGen.Interop.Native;
using FuseGen.Interop;
using FuseGen.Runtime;

namespace FuseGen.Marshalling;

/// <summary>
/// A low-level request (<c>fuse_req_t</c>) that a generated inode-API trampoline is serving: finds the mounted
/// filesystem through <c>fuse_req_userdata</c>, resolves handles and nodes, and answers. Used by generated code.
/// </summary>
/// <remarks>
/// <para><b>Exactly one reply.</b> libfuse frees a request when it is answered, so every request must get exactly
/// one <c>fuse_reply_*</c>. Each <c>Reply*</c> method below makes exactly one libfuse reply call, as its last
/// action, and throws (if at all: a null handle, a user enumerator that throws, an entry without its node) only
/// before it. So a trampoline of the shape
/// <code>
/// var request = InodeRequest.From(req);
/// try { var result = fs.Method(...); request.ReplyX(result, ...); }
/// catch (Exception e) { request.Fail(e, "op"); }
/// </code>
/// answers once whatever the method does: returns, returns garbage (an out-of-range errno is EIO), or throws.
/// forget and forget_multi take no answer but <c>fuse_reply_none</c>: their trampolines call
/// <see cref="ReplyForget"/> in a <c>finally</c> and <see cref="Report"/> in the catch.</para>
/// <para>A reply deferred past the trampoline (async, issue 14) copies this struct (it is four words) to the
/// continuation; it must then rent its own buffer rather than <see cref="ReadBuffer"/>, which belongs to the thread.
/// It also carries when the request began on the inode table's release clock, so that an entry naming a node
/// released since then is not given to the kernel (see <see cref="InodeTable{TNode}"/>).</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly unsafe struct InodeRequest
{
    // What this thread knows of the inode request it serves now (or served last), in one thread-static so that a
    // request's prologue finds its thread's storage once: the caller for FuseContext.Current (a copy, not the
    // request: libfuse frees the request with its reply, and a pointer kept past that would be read after the free),
    // whether the thread serves inode requests at all, and the errno it answered with (see TakeReplyError).
    [ThreadStatic]
    private static ServingState serving;

    private struct ServingState
    {
        public fuse_ctx Caller;
        public int ReplyError;
        public bool ServesInodeRequests;
    }

    private readonly void* request;
    private readonly FuseSession? session;

    // The release clock before the operation ran: nodes it found were live then (InodeTable.Reference).
    private readonly long began;

    // The operation's own inode (its native 'ino'), which attributes with st_ino 0 are numbered with: the kernel
    // takes st_ino from every attribute reply, and 0 would replace the inode's number for good.
    private readonly ulong inode;

    private InodeRequest(void* request, void* userData, ulong inode)
    {
        began = InodeTable.Now;
        this.request = request;
        this.inode = inode;
        session = userData == null ? null : GCHandle.FromIntPtr((nint)userData).Target as FuseSession;
    }

    /// <summary>The request libfuse passed to a trampoline of an operation on no single inode (never throws).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static InodeRequest From(void* request) => From(request, 0);

    /// <summary>
    /// The request libfuse passed to a trampoline of an operation on inode <paramref name="inode"/> (its native
    /// <c>ino</c>; never throws). Attribute replies number a <see cref="Stat"/> whose <see cref="Stat.Inode"/> is 0 with it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static InodeRequest From(void* request, ulong inode)
    {
        if (request == null)
        {
            return default;
        }

        var caller = LibFuse.fuse_req_ctx(request);
        ref var state = ref serving;
        state.Caller = caller == null ? default : *caller;
        state.ReplyError = 0;
        state.ServesInodeRequests = true;
        return new(request, LibFuse.fuse_req_userdata(request), inode);
    }

    /// <summary>Who made this request, for fault reports; nobody (all zero) for init and destroy, which have no request.</summary>
    private FuseContext Caller => request == null
        ? default
        : new FuseContext(serving.Caller.uid, serving.Caller.gid, serving.Caller.pid, serving.Caller.umask);

    /// <summary>
    /// The caller of the inode request this thread is serving, for <see cref="FuseContext.Current"/>; false on a
    /// thread that has served no inode request (after one, the last caller until the next request).
    /// </summary>
    internal static bool TryCurrentContext(out FuseContext context)
    {
        ref var state = ref serving;
        var caller = state.Caller;
        context = new FuseContext(caller.uid, caller.gid, caller.pid, caller.umask);
        return state.ServesInodeRequests;
    }

    /// <summary>True on a thread that serves inode requests (a libfuse worker of an inode session).</summary>
    internal static bool IsServingThread => serving.ServesInodeRequests;

    /// <summary>Test seam: this thread serves no inode requests any more (a kernel-free session ended).</summary>
    internal static void LeaveForTesting()
    {
        serving.Caller = default;
        serving.ServesInodeRequests = false;
    }

    /// <summary>No request, only the session: init and destroy, which take the user data and send no reply.</summary>
    public static InodeRequest FromUserData(void* userData) => new(null, userData, 0);

    /// <summary>The native <c>fuse_req_t</c>.</summary>
    public void* Native => request;

    /// <summary>The caller's ids and umask (<c>fuse_req_ctx</c>); all zero outside a request.</summary>
    public FuseContext Context
    {
        get
        {
            var context = request == null ? null : LibFuse.fuse_req_ctx(request);
            return context == null ? default : new FuseContext(context->uid, context->gid, context->pid, context->umask);
        }
    }

    /// <summary>True once the kernel has sent an interrupt for this request (<c>fuse_req_interrupted</c>).</summary>
    public bool IsInterrupted => request != null && LibFuse.fuse_req_interrupted(request) != 0;

    internal FuseSession Session
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => session ?? ThrowNoSession();
    }

    /// <summary>The session, or null for a request that belongs to none (async requests then have no bound).</summary>
    internal FuseSession? SessionOrNull => session;

    private InodeSessionApi Api
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Unsafe.As<InodeSessionApi>(Session.Api);
    }

    /// <summary>The filesystem instance the request is for.</summary>
    /// <remarks>The session was created with an instance of <typeparamref name="T"/>, whose generated code is the only caller.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T FileSystem<T>()
        where T : class => Unsafe.As<T>(Session.FileSystem);

    /// <summary>The node of <paramref name="inode"/> in the filesystem's <see cref="InodeTable{TNode}"/>; ESTALE when none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TNode Node<TNode>(ulong inode)
        where TNode : class =>
        Api.Inodes is InodeTable<TNode> table ? table[inode] : throw NoTable();

    /// <summary>
    /// The handle object of the open file <paramref name="fileInfo"/> names: null when there is no file info or no
    /// handle; EBADF when <c>fh</c> names no live handle of type <typeparamref name="T"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T? Handle<T>(void* fileInfo)
        where T : class => HasHandle(fileInfo) ? Session.Handle<T>(fileInfo) : null;

    /// <summary>Frees the handle of a released file; with <paramref name="dispose"/> an <see cref="IDisposable"/> handle is disposed.</summary>
    public void FreeHandle(void* fileInfo, bool dispose)
    {
        // Without a handle there is nothing to free, and no session needed (static filesystems called directly).
        if (HasHandle(fileInfo))
        {
            Session.FreeHandle(fileInfo, dispose);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasHandle(void* fileInfo) => fileInfo != null && ((fuse_file_info*)fileInfo)->fh != 0;

    /// <summary>A <see cref="FileInfo"/> view of libfuse's <c>fuse_file_info</c> (flags in, open flags out).</summary>
    public static FileInfo FileInfo(void* fileInfo) => FuseGen.FileInfo.FromNative(fileInfo);

    /// <summary>
    /// The thread's reply buffer, <paramref name="size"/> bytes, for a read to fill and <see cref="ReplyRead"/> to send.
    /// Valid until this thread's next request; never allocates once the thread has served a request this large.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> ReadBuffer(nuint size) => new(ReplyBuffer.ForThisThread(size), checked((int)size));

    /// <summary>A directory filler over the thread's reply buffer for a readdir (or readdirplus) of <paramref name="size"/> bytes.</summary>
    public InodeDirectoryFiller Directory(nuint size, long offset, bool plus)
    {
        var api = Api;
        return new(request, ReplyBuffer.ForThisThread(size), size, offset, plus, api.Inodes, began, api.EntryTimeout, api.AttributeTimeout);
    }

    /// <summary>A listing's state over <paramref name="buffer"/> (<paramref name="size"/> bytes and <see cref="ReplyBuffer.ScratchSize"/> after them), for an async readdir.</summary>
    internal DirectoryEntryWriter DirectoryWriter(byte* buffer, nuint size, long offset, bool plus)
    {
        var api = Api;
        return new(request, buffer, size, offset, plus, api.Inodes, began, api.EntryTimeout, api.AttributeTimeout);
    }

    /// <summary>
    /// Answers with an exception thrown by <paramref name="operation"/>: mapped to an errno and reported as on the
    /// path API (<see cref="FuseSession.MapFault"/>). Without a request (init, destroy) it only reports. Never throws.
    /// </summary>
    public void Fail(Exception exception, string operation)
    {
        var errno = FuseSession.MapFault(session, exception, operation, caller: Caller);
        if (request == null)
        {
            return;
        }

        if (errno == Errno.ENOENT && operation == "lookup" && session?.Api is InodeSessionApi { NegativeTimeout: > 0 } api)
        {
            // A lookup that throws ENOENT is cached like one that returns it (ReplyLookup).
            ReplyEntry(InodeEntry.Negative(api.NegativeTimeout));
            return;
        }

        Error((int)errno);
    }

    /// <summary>
    /// Answers a readdir or readdirplus whose method threw with what it had added: the lookups its readdirplus
    /// entries counted are given back (the kernel never sees them), then as <see cref="Fail(Exception, string)"/>.
    /// </summary>
    public void Fail(Exception exception, string operation, scoped ref InodeDirectoryFiller entries) => Fail(exception, operation, entries.Writer);

    /// <summary>As <see cref="Fail(Exception, string, ref InodeDirectoryFiller)"/> for any listing's state.</summary>
    internal void Fail(Exception exception, string operation, in DirectoryEntryWriter entries)
    {
        if (entries.IsPlus && entries.Table is { } table)
        {
            try
            {
                DirectoryPlusReply.ForgetEntries(table, entries.Buffer, entries.Used);
            }
            catch (Exception e)
            {
                Report(e, operation);
            }
        }

        Fail(exception, operation);
    }

    /// <summary>Reports an exception of an operation that sends no error (forget); never throws.</summary>
    public void Report(Exception exception, string operation) => FuseSession.MapFault(session, exception, operation, caller: Caller);

    /// <summary>Answers an operation whose result is only a status: <see cref="Errno.None"/> is success; an errno outside 1..511 is EIO.</summary>
    public void ReplyStatus(Errno errno) => Error(-NativeResult.FromErrno(errno));

    /// <summary>Answers an operation whose result is only a status: non-negative is success, <c>-errno</c> an error (out of range: EIO).</summary>
    public void ReplyStatus(int result) => Error(result >= 0 ? 0 : -NativeResult.Check(result));

    /// <summary>Answers an error; <see cref="Errno.None"/> or an errno outside 1..511 is EIO (a success here would be no answer).</summary>
    public void ReplyError(Errno errno) => Error(FuseRequest.IsDeliverable(errno) ? (int)errno : (int)Errno.EIO);

    /// <summary>
    /// The errno of the error this thread last answered since its last <see cref="From(void*, ulong)"/> (0: none, the request
    /// succeeded), read and cleared: how the request ended, for <see cref="RequestMetrics.StopReplied"/>.
    /// </summary>
    internal static int TakeReplyError()
    {
        ref var state = ref serving;
        var errno = state.ReplyError;
        state.ReplyError = 0;
        return errno;
    }

    /// <summary>Answers with <c>fuse_reply_err</c> (0 is a success), remembering an error for the request's metrics.</summary>
    private void Error(int errno)
    {
        serving.ReplyError = errno;
        LibFuse.fuse_reply_err(request, errno);
    }

    /// <summary>
    /// Answers a lookup, mknod, mkdir, symlink or link with <paramref name="entry"/>. An entry naming a node is
    /// numbered and counted by the inode table first; if the kernel does not take the answer (the request was
    /// interrupted), the count is given back. A node the table released after this request began is answered ESTALE
    /// (the kernel walks the path again).
    /// </summary>
    public void ReplyEntry(in InodeEntry entry)
    {
        var native = stackalloc byte[NativeEntry.MaxSize];
        var counted = Prepare(in entry, native, out var inode, out var released);
        if (released)
        {
            ReplyError(Errno.ESTALE);
            return;
        }

        if (LibFuse.fuse_reply_entry(request, native) != 0 && counted)
        {
            Api.Inodes!.Forget(inode, 1);
        }
    }

    /// <summary><see cref="ReplyEntry(in InodeEntry)"/> when <paramref name="errno"/> is <see cref="Errno.None"/>, otherwise that error.</summary>
    public void ReplyEntry(Errno errno, in InodeEntry entry)
    {
        if (errno == Errno.None)
        {
            ReplyEntry(in entry);
        }
        else
        {
            ReplyError(errno);
        }
    }

    /// <summary>
    /// Answers a lookup: as <see cref="ReplyEntry(Errno, in InodeEntry)"/>, except that ENOENT with a negative timeout
    /// (<c>-o negative_timeout</c>) is a negative entry the kernel caches for that long.
    /// </summary>
    public void ReplyLookup(Errno errno, in InodeEntry entry)
    {
        if (errno == Errno.ENOENT && Api.NegativeTimeout > 0)
        {
            ReplyEntry(InodeEntry.Negative(Api.NegativeTimeout));
        }
        else
        {
            ReplyEntry(errno, in entry);
        }
    }

    /// <summary>
    /// Answers a create: the entry (counted as by <see cref="ReplyEntry(in InodeEntry)"/>) and the open file, its
    /// <paramref name="handle"/> stored as <c>fh</c> (null: no handle). An answer the kernel does not take frees both.
    /// </summary>
    public void ReplyCreate(in InodeEntry entry, object? handle, void* fileInfo)
    {
        var native = stackalloc byte[NativeEntry.MaxSize];
        var fh = handle is null ? 0 : Session.StoreHandle(handle);
        var counted = Prepare(in entry, native, out var inode, out var released);
        if (released)
        {
            Abandoned(fh, 0);
            ReplyError(Errno.ESTALE);
            return;
        }

        var info = (fuse_file_info*)fileInfo;
        if (fh != 0)
        {
            info->fh = fh;
        }

        ApplyOpenDefaults(info);
        if (LibFuse.fuse_reply_create(request, native, fileInfo) != 0)
        {
            Abandoned(fh, counted ? inode : 0);
        }
    }

    /// <summary>
    /// Answers a getattr or setattr with <paramref name="stat"/>, cached for <paramref name="timeout"/> seconds (null:
    /// the mount's). <see cref="Stat.Inode"/> 0 is the request's inode number, as in entry replies.
    /// </summary>
    public void ReplyAttr(in Stat stat, double? timeout = null)
    {
        var native = stackalloc byte[NativeStat.MaxSize];
        NativeStat.Write(in stat, inode, native);

        LibFuse.fuse_reply_attr(request, native, timeout ?? Api.AttributeTimeout);
    }

    /// <summary><see cref="ReplyAttr(in Stat, double?)"/> when <paramref name="errno"/> is <see cref="Errno.None"/>, otherwise that error.</summary>
    public void ReplyAttr(Errno errno, in Stat stat, double? timeout = null)
    {
        if (errno == Errno.None)
        {
            ReplyAttr(in stat, timeout);
        }
        else
        {
            ReplyError(errno);
        }
    }

    /// <summary>Answers a readlink with <paramref name="target"/> (NUL is not allowed in a link target: EIO).</summary>
    public void ReplyReadlink(ReadOnlySpan<byte> target)
    {
        if (target.IndexOf((byte)0) >= 0 || target.Length > 4096)
        {
            ReplyError(Errno.EIO);
            return;
        }

        var terminated = stackalloc byte[target.Length + 1];
        target.CopyTo(new Span<byte>(terminated, target.Length));
        terminated[target.Length] = 0;
        LibFuse.fuse_reply_readlink(request, terminated);
    }

    /// <summary>Answers a readlink with <paramref name="target"/>.</summary>
    public void ReplyReadlink(string target) => ReplyReadlink(Encoding.UTF8.GetBytes(target ?? throw new ArgumentNullException(nameof(target))));

    /// <summary>
    /// Answers an open or opendir: <paramref name="handle"/> (null: none) is stored as <c>fh</c>, the mount's
    /// <c>direct_io</c>/<c>kernel_cache</c> are added to the flags the method set, and if the kernel does not take
    /// the answer (interrupted open) the handle is freed, since no release will come for it.
    /// </summary>
    public void ReplyOpen(object? handle, void* fileInfo)
    {
        var info = (fuse_file_info*)fileInfo;
        var fh = handle is null ? 0 : Session.StoreHandle(handle);
        if (fh != 0)
        {
            info->fh = fh;
        }

        ApplyOpenDefaults(info);
        if (LibFuse.fuse_reply_open(request, fileInfo) != 0)
        {
            Abandoned(fh, 0);
        }
    }

    /// <summary>Answers a write or copy_file_range with the byte count; negative is <c>-errno</c>.</summary>
    public void ReplyWrite(long result)
    {
        if (result < 0)
        {
            ReplyStatus((int)Math.Max(result, int.MinValue));
        }
        else
        {
            LibFuse.fuse_reply_write(request, (nuint)result);
        }
    }

    /// <summary>
    /// Answers a read with the first <paramref name="result"/> bytes of <paramref name="buffer"/> (the span
    /// <see cref="ReadBuffer"/> gave); negative is <c>-errno</c>, more than the buffer holds is EIO.
    /// </summary>
    public void ReplyRead(int result, ReadOnlySpan<byte> buffer)
    {
        if (result < 0 || result > buffer.Length)
        {
            ReplyStatus(result < 0 ? result : -(int)Errno.EIO);
            return;
        }

        fixed (byte* data = buffer)
        {
            LibFuse.fuse_reply_buf(request, data, (nuint)result);
        }
    }

    /// <summary>Answers with <paramref name="data"/> (a read returning its bytes, ioctl output, ...); the bytes are copied during the call.</summary>
    public void ReplyData(ReadOnlySpan<byte> data)
    {
        fixed (byte* bytes = data)
        {
            LibFuse.fuse_reply_buf(request, bytes, (nuint)data.Length);
        }
    }

    /// <summary>
    /// Answers a readdir or readdirplus with what <paramref name="entries"/> holds. If the kernel does not take a
    /// readdirplus answer, the lookups its entries counted are given back.
    /// </summary>
    public void ReplyDirectory(scoped ref InodeDirectoryFiller entries) => ReplyDirectory(entries.Writer);

    /// <summary>As <see cref="ReplyDirectory(ref InodeDirectoryFiller)"/> for any listing's state.</summary>
    internal void ReplyDirectory(in DirectoryEntryWriter entries)
    {
        if (LibFuse.fuse_reply_buf(request, entries.Buffer, entries.Used) != 0 && entries.IsPlus && entries.Table is { } table)
        {
            DirectoryPlusReply.ForgetEntries(table, entries.Buffer, entries.Used);
        }
    }

    /// <summary>Answers a statfs.</summary>
    public void ReplyStatfs(in StatVfs stat)
    {
        var native = stackalloc byte[NativeStatVfs.Size];
        NativeStatVfs.Write(in stat, native);
        LibFuse.fuse_reply_statfs(request, native);
    }

    /// <summary>
    /// Answers a getxattr with <paramref name="value"/>: the length alone when <paramref name="size"/> is 0 (a size
    /// probe), ERANGE when it does not fit.
    /// </summary>
    public void ReplyXattr(ReadOnlySpan<byte> value, nuint size)
    {
        if (size == 0)
        {
            LibFuse.fuse_reply_xattr(request, (nuint)value.Length);
        }
        else if ((nuint)value.Length > size)
        {
            ReplyError(Errno.ERANGE);
        }
        else
        {
            ReplyData(value);
        }
    }

    /// <summary>Answers a getxattr; null means the attribute does not exist (ENODATA).</summary>
    public void ReplyXattr(byte[]? value, nuint size)
    {
        if (value is null)
        {
            ReplyError(Errno.ENODATA);
        }
        else
        {
            ReplyXattr(new ReadOnlySpan<byte>(value), size);
        }
    }

    /// <summary>Answers a listxattr with the names, each UTF-8 and NUL-terminated, with size probe and ERANGE as for values.</summary>
    public void ReplyXattrNames(IEnumerable<string>? names, nuint size)
    {
        var list = new List<byte>();
        foreach (var name in names ?? Array.Empty<string>())
        {
            list.AddRange(Encoding.UTF8.GetBytes(name));
            list.Add(0);
        }

        ReplyXattr(list.ToArray(), size);
    }

    /// <summary>Answers a getlk with the conflicting lock (or one of type F_UNLCK).</summary>
    public void ReplyLock(in FileLock value)
    {
        var native = stackalloc byte[sizeof(flock)];
        NativeLock.Write(in value, native);
        LibFuse.fuse_reply_lock(request, native);
    }

    /// <summary><see cref="ReplyLock(in FileLock)"/> when <paramref name="errno"/> is <see cref="Errno.None"/>, otherwise that error.</summary>
    public void ReplyLock(Errno errno, in FileLock value)
    {
        if (errno == Errno.None)
        {
            ReplyLock(in value);
        }
        else
        {
            ReplyError(errno);
        }
    }

    /// <summary>Answers a statx with <paramref name="value"/>, its attributes cached for the mount's attribute timeout (libfuse 3.18+; ENOSYS before).</summary>
    public void ReplyStatx(in Statx value)
    {
        if (LibFuse.fuse_reply_statx == null)
        {
            ReplyError(Errno.ENOSYS);
            return;
        }

        var copy = value;
        if (copy.Inode == 0 && inode != 0)
        {
            copy.Inode = inode;
        }

        LibFuse.fuse_reply_statx(request, 0, &copy, Api.AttributeTimeout);
    }

    /// <summary><see cref="ReplyStatx(in Statx)"/> when <paramref name="errno"/> is <see cref="Errno.None"/>, otherwise that error.</summary>
    public void ReplyStatx(Errno errno, in Statx value)
    {
        if (errno == Errno.None)
        {
            ReplyStatx(in value);
        }
        else
        {
            ReplyError(errno);
        }
    }

    /// <summary>
    /// The output of an ioctl: <paramref name="size"/> bytes of the thread's reply buffer, cleared (so what the
    /// method leaves unwritten is zero, never an earlier reply's bytes), sent by <see cref="ReplyIoctl(int, ReadOnlySpan{byte})"/>.
    /// </summary>
    public Span<byte> IoctlOutput(nuint size)
    {
        var output = ReadBuffer(size);
        output.Clear();
        return output;
    }

    /// <summary>Answers an ioctl with result 0 and no output when <paramref name="errno"/> is <see cref="Errno.None"/>, otherwise that error.</summary>
    public void ReplyIoctl(Errno errno)
    {
        if (errno == Errno.None)
        {
            ReplyIoctl(0, default);
        }
        else
        {
            ReplyError(errno);
        }
    }

    /// <summary>Answers a bmap with the device block index.</summary>
    public void ReplyBmap(ulong index) => LibFuse.fuse_reply_bmap(request, index);

    /// <summary>Answers a poll with the ready events.</summary>
    public void ReplyPoll(PollEvents events) => LibFuse.fuse_reply_poll(request, (uint)events);

    /// <summary>Answers an lseek with the offset found; negative is <c>-errno</c>.</summary>
    public void ReplyLseek(long result)
    {
        if (result < 0)
        {
            ReplyStatus((int)Math.Max(result, int.MinValue));
        }
        else
        {
            LibFuse.fuse_reply_lseek(request, result);
        }
    }

    /// <summary>Answers an ioctl with its result and output bytes; a negative result is <c>-errno</c>.</summary>
    public void ReplyIoctl(int result, ReadOnlySpan<byte> output)
    {
        if (result < 0)
        {
            ReplyStatus(result);
            return;
        }

        fixed (byte* bytes = output)
        {
            LibFuse.fuse_reply_ioctl(request, result, bytes, (nuint)output.Length);
        }
    }

    /// <summary>Answers a request that takes no reply (forget, and a retrieve_reply).</summary>
    public void ReplyNone() => LibFuse.fuse_reply_none(request);

    /// <summary>
    /// Ends a forget: gives the references back to the inode table (if any) and answers with <c>fuse_reply_none</c>,
    /// even when the table's release callback throws (reported).
    /// </summary>
    public void ReplyForget(ulong inode, ulong count)
    {
        try
        {
            if (session?.Api is InodeSessionApi { Inodes: { } table })
            {
                table.Forget(inode, count);
            }
        }
        catch (Exception e)
        {
            Report(e, "forget");
        }
        finally
        {
            LibFuse.fuse_reply_none(request);
        }
    }

    /// <summary>Ends a forget_multi (<c>struct fuse_forget_data[count]</c>) as <see cref="ReplyForget"/> ends a forget.</summary>
    public void ReplyForgetMulti(nuint count, void* forgets)
    {
        try
        {
            if (session?.Api is InodeSessionApi { Inodes: { } table })
            {
                var items = (fuse_forget_data*)forgets;
                for (nuint i = 0; i < count; i++)
                {
                    try
                    {
                        table.Forget(items[i].ino, items[i].nlookup);
                    }
                    catch (Exception e)
                    {
                        Report(e, "forget_multi");
                    }
                }
            }
        }
        finally
        {
            LibFuse.fuse_reply_none(request);
        }
    }

    /// <summary>With an inode table, an entry must name its node; otherwise the table would not count it.</summary>
    internal static InvalidOperationException EntryWithoutNode() =>
        new("The filesystem has an inode table, so an entry must name its node (new InodeEntry(node, stat)), not only an inode number.");

    internal static InvalidOperationException NoTable() =>
        new("An entry names a node, but the filesystem has no inode table (IFuseInodeFileSystem.Inodes).");

    /// <summary>
    /// Numbers (and counts) <paramref name="entry"/> and writes it to <paramref name="native"/>; true when the table
    /// counted it. <paramref name="released"/>: the entry names a node released since this request began (nothing written).
    /// </summary>
    private bool Prepare(in InodeEntry entry, byte* native, out ulong inode, out bool released)
    {
        var api = Api;
        var generation = entry.Generation;
        var counted = false;
        released = false;
        if (entry.Node is { } node)
        {
            inode = (api.Inodes ?? throw NoTable()).Reference(node, out generation, began);
            counted = inode != 0;
            released = !counted;
            if (released)
            {
                return false;
            }
        }
        else
        {
            inode = api.Inodes is null || entry.Inode == 0 ? entry.Inode : throw EntryWithoutNode();
        }

        NativeEntry.Write(in entry, inode, generation, entry.EntryTimeout ?? api.EntryTimeout, entry.AttributeTimeout ?? api.AttributeTimeout, native);
        return counted;
    }

    private void ApplyOpenDefaults(fuse_file_info* info)
    {
        var api = Api;
        if (api.DirectIo)
        {
            info->bits |= 1u << FileInfoBits.DirectIo;
        }

        if (api.KeepCache)
        {
            info->bits |= 1u << FileInfoBits.KeepCache;
        }
    }

    /// <summary>The kernel did not take an open or create: no release or forget will come for what it carried.</summary>
    private void Abandoned(ulong fh, ulong countedInode)
    {
        try
        {
            Session.FreeHandle(fh, dispose: true);
            if (countedInode != 0)
            {
                Api.Inodes!.Forget(countedInode, 1);
            }
        }
        catch (Exception e)
        {
            Report(e, "release");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FuseSession ThrowNoSession() => throw new InvalidOperationException("This request belongs to no FuseGen session.");
}
