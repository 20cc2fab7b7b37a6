using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Interop.Native;

namespace FuseGen.Runtime;

/// <summary>
/// One mounted filesystem: the libfuse instance, the thread running its loop, and the state generated code reaches
/// through <c>fuse_get_context()-&gt;private_data</c> (a GCHandle to this object).
/// </summary>
/// <remarks>
/// Shutdown order matters: the loop must return before libfuse's unmount and destroy run, because they close the
/// session descriptor the workers read. So <see cref="RequestUnmount"/> only sets libfuse's exit flag and unmounts
/// from outside; the kernel then ends the connection, the loop returns, and the loop thread cleans up.
/// </remarks>
internal sealed unsafe class FuseSession
{
    private static readonly List<FuseSession> Live = new();
    private static int processExitHooked;
    private static int allocatedSelfHandles;

    // Read by every request (FuseRequest: the filesystem instance, then the handle table), right after the type check
    // that loads the session's header. Declared first so that the runtime lays them out next to it, on that cache line,
    // rather than 72 bytes on, past the fields only mounting and unmounting use.
    private readonly object fileSystem;
    private readonly HandleTable handles = new();

    private readonly object gate = new();
    private readonly TaskCompletionSource<int> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MountOptions options;
    private readonly ManualResetEventSlim externallyUnmounted = new(false);
    private readonly string programName;
    private GCHandle self;
    private bool created;
    private bool stopped;
    private bool unmounting;
    private int unmountRequested;
    private int orderingDescriptor = -1;

    /// <summary>The <c>-o max_read=N</c> the mount was given (0: none), which init must repeat to libfuse.</summary>
    internal uint MaxRead { get; private set; }

    /// <summary>Passthrough backing ids by file handle, closed at release (created on first use).</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<ulong, int>? BackingIds;
    private string? connection;
    private NativeArguments? arguments;

    private FuseSession(object fileSystem, SessionApi api, string mountPoint, MountOptions options)
    {
        this.fileSystem = fileSystem;
        Api = api;
        MountPoint = mountPoint;
        this.options = options;
        programName = fileSystem.GetType().Name;
    }

    public object FileSystem => fileSystem;

    /// <summary>The libfuse API the filesystem is served through: path (high-level) or inode (low-level).</summary>
    public SessionApi Api { get; }

    public MountOptions Options => options;

    /// <summary>Objects returned by open, create and opendir, by <c>fh</c>.</summary>
    public HandleTable Handles => handles;

    /// <summary>The inode API's notifier; throws for the path API.</summary>
    public InodeNotifier Notifier => Api is InodeSessionApi inode
        ? inode.Notifier(this)
        : throw new InvalidOperationException("Notifications are part of the inode API: mount an inode filesystem to use them.");

    public string MountPoint { get; }

    public Task<int> Completion => completion.Task;

    /// <summary>Sessions of this process that are mounted or still tearing down (leak tests read it).</summary>
    internal static int LiveCount
    {
        get
        {
            lock (Live)
            {
                return Live.Count;
            }
        }
    }

    /// <summary>GCHandles to sessions currently allocated (leak tests read it).</summary>
    internal static int AllocatedSelfHandles => Volatile.Read(ref allocatedSelfHandles);

    /// <summary>Mounts and starts serving; returns once the kernel mount exists.</summary>
    /// <remarks><paramref name="fileSystem"/> is an <see cref="IFuseFileSystem"/> (path API) or an <see cref="IFuseInodeFileSystem"/> (inode API).</remarks>
    public static FuseSession Start(object fileSystem, string mountPoint, MountOptions options)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        var api = SessionApi.For(fileSystem, options);
        LibFuse.EnsureLoaded();
        var full = MountPointValidator.Validate(mountPoint, options.ClearStaleMount);
        CheckUnprivilegedOptions(options);
        var session = new FuseSession(fileSystem, api, full, options);
        session.Create();
        return session;
    }

    /// <summary>
    /// Without root, fusermount3 refuses allow_other unless /etc/fuse.conf has user_allow_other, and says so on its own
    /// stderr before libfuse's failure: checking first keeps the message to one line.
    /// </summary>
    private static void CheckUnprivilegedOptions(MountOptions options)
    {
        if (LibC.geteuid() == 0 || !(options.AllowOther || options.Options.Contains("allow_other")))
        {
            return;
        }

        string[] configuration;
        try
        {
            configuration = System.IO.File.ReadAllLines("/etc/fuse.conf");
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            configuration = Array.Empty<string>();
        }

        if (!Array.Exists(configuration, line => line.Trim() == "user_allow_other"))
        {
            throw new FuseMountException("option allow_other needs 'user_allow_other' in /etc/fuse.conf when mounting without root");
        }
    }

    /// <summary>
    /// A session that is never mounted, for tests that call generated trampolines directly: it carries the
    /// filesystem and the options (fault handler) a fake <c>fuse_context</c> points at.
    /// </summary>
    internal static FuseSession CreateForTesting(object fileSystem, MountOptions options)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        return new FuseSession(fileSystem, SessionApi.For(fileSystem, options), "", options);
    }

    /// <summary>Asks the loop to end and unmounts. Idempotent; returns at once (await <see cref="Completion"/>).</summary>
    public void RequestUnmount()
    {
        if (Interlocked.Exchange(ref unmountRequested, 1) != 0)
        {
            return;
        }

        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            LibFuse.fuse_session_exit(Api.NativeSession);
            unmounting = true;
        }

        // The loop joins its workers before it returns: none may go on waiting at the pending bound for tasks the
        // rundown would cancel only after that.
        Api.BeginClosing();

        ThreadPool.UnsafeQueueUserWorkItem(
            static session =>
            {
                try
                {
                    Unmounter.Unmount(session.MountPoint, session.connection);
                }
                finally
                {
                    session.externallyUnmounted.Set();
                }

                if (!session.Completion.Wait(session.options.UnmountTimeout))
                {
                    // Lazily detached with files still open: the loop would serve them indefinitely.
                    session.AbortWhileServing();
                }
            },
            this,
            preferLocal: false);
    }

    /// <summary>
    /// Stores the handle an open, create or opendir method returned and returns its <c>fh</c>. A null handle is a
    /// fault (answered EIO): an open fails with an <see cref="Errno"/> or <see cref="FuseException"/> instead.
    /// </summary>
    public ulong StoreHandle(object? handle) =>
        Handles.Add(handle ?? throw new InvalidOperationException("The open method returned a null handle; throw FuseException to fail an open."));

    /// <summary>
    /// The handle object of the open file <paramref name="fileInfo"/> (a <c>fuse_file_info*</c>) names: null when
    /// there is no file info or no handle; EBADF when <c>fh</c> names no live handle of type <typeparamref name="T"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T? Handle<T>(void* fileInfo)
        where T : class
    {
        var fh = fileInfo == null ? 0 : ((fuse_file_info*)fileInfo)->fh;
        return fh == 0 ? null : Handles.Get(fh) as T ?? ThrowStaleHandle<T>(fh);
    }

    /// <summary>
    /// Frees the handle of the released file <paramref name="fileInfo"/> names; with <paramref name="dispose"/> an
    /// <see cref="IDisposable"/> handle is disposed.
    /// </summary>
    public void FreeHandle(void* fileInfo, bool dispose) => FreeHandle(fileInfo == null ? 0 : ((fuse_file_info*)fileInfo)->fh, dispose);

    /// <summary>Frees <paramref name="fh"/>; with <paramref name="dispose"/> an <see cref="IDisposable"/> handle is disposed.</summary>
    public void FreeHandle(ulong fh, bool dispose)
    {
        if (fh != 0 && Handles.Remove(fh) is IDisposable disposable && dispose)
        {
            disposable.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ThrowStaleHandle<T>(ulong fh) => throw new FuseException(Errno.EBADF, $"file handle {fh:x} names no open {typeof(T).Name}");

    /// <summary>Reports a fault to the mount's handler (default: one report on stderr).</summary>
    public void Report(FuseFault fault)
    {
        if (options.FaultHandler is { } handler)
        {
            handler(fault);
        }
        else
        {
            ReportToStandardError(fault, programName);
        }
    }

    /// <summary>
    /// Says that libfuse will never call an operation the filesystem implements (it predates it): to the fault handler
    /// as a <see cref="FuseFault"/> with a <see cref="NotSupportedException"/> and <see cref="Errno.ENOSYS"/>, or as one
    /// line on stderr. Never throws.
    /// </summary>
    public void ReportUnusedOperation(string operation, string message)
    {
        try
        {
            if (options.FaultHandler is { } handler)
            {
                handler(new FuseFault(operation, new NotSupportedException(message), Errno.ENOSYS));
            }
            else
            {
                Console.Error.WriteLine($"{programName}: {message}");
            }
        }
        catch (Exception)
        {
            // A failing fault handler must not fail the mount.
        }
    }

    /// <summary>
    /// The errno an exception thrown by <paramref name="operation"/> answers, reported once to the mount's fault
    /// handler (except <see cref="FuseException"/>, which is an answer, not a fault). An errno outside 1..511, which
    /// the kernel would not deliver, becomes EIO and is reported. Never throws. Shared by both APIs' requests.
    /// </summary>
    /// <param name="session">The mount whose handler receives the report; null reports to stderr.</param>
    /// <param name="exception">What the operation threw.</param>
    /// <param name="operation">The libfuse operation.</param>
    /// <param name="path">The path the request names (NUL-terminated UTF-8), decoded only for a report; null when none.</param>
    /// <param name="inode">The inode the request names (inode API), when known.</param>
    /// <param name="caller">Who made the request.</param>
    public static Errno MapFault(FuseSession? session, Exception exception, string operation, byte* path = null, ulong? inode = null, FuseContext caller = default)
    {
        var errno = Errno.EIO;
        try
        {
            var mapped = ErrnoMapper.FromException(exception);
            var deliverable = FuseRequest.IsDeliverable(mapped);
            errno = deliverable ? mapped : Errno.EIO;

            // A FuseException is an answer, unless it carries an errno no caller can receive: that is a fault too.
            if (exception is not FuseException || !deliverable)
            {
                var fault = new FuseFault(operation, exception, errno)
                {
                    Path = path == null ? null : NativeText.ToString(path),
                    Inode = inode,
                    ProcessId = caller.Pid,
                    UserId = caller.Uid,
                    GroupId = caller.Gid,
                };
                if (session is not null)
                {
                    session.Report(fault);
                }
                else
                {
                    ReportToStandardError(fault);
                }
            }
        }
        catch (Exception)
        {
            // A failing fault handler must not take the request down with it.
        }

        return errno;
    }

    public static void ReportToStandardError(FuseFault fault, string? program = null) =>
        Console.Error.WriteLine($"{program ?? AppDomain.CurrentDomain.FriendlyName}: {fault}");

    private void Create()
    {
        arguments = new NativeArguments(BuildArguments());
        try
        {
            self = GCHandle.Alloc(this);
            Interlocked.Increment(ref allocatedSelfHandles);
            FuseLog.BeginCapture();
            if (!Api.Create(this, arguments.Pointer, (void*)GCHandle.ToIntPtr(self)))
            {
                throw new FuseMountException(Explain(FuseLog.EndCapture(), "libfuse rejected the mount options"));
            }

            created = true;
            var path = Encoding.UTF8.GetBytes(MountPoint + "\0");
            int mounted;
            fixed (byte* p = path)
            {
                mounted = Api.Mount(p);
            }

            if (mounted != 0)
            {
                var message = Explain(FuseLog.EndCapture(), $"cannot mount on '{MountPoint}'");
                Api.Destroy();
                created = false;
                throw new FuseMountException(message);
            }

            FuseLog.EndCapture();
            var libfuseOptions = Api.LibfuseOptions(options, programName);
            MaxRead = MaxReadOption(libfuseOptions);
            if (AutoUnmountOrdering.Requested(libfuseOptions))
            {
                orderingDescriptor = AutoUnmountOrdering.DuplicateAboveAll(LibFuse.fuse_session_fd(Api.NativeSession));
            }
        }
        catch
        {
            FuseLog.EndCapture();
            if (created)
            {
                Api.Destroy();
            }

            if (self.IsAllocated)
            {
                self.Free();
                Interlocked.Decrement(ref allocatedSelfHandles);
            }

            arguments.Dispose();
            throw;
        }

        connection = MountTable.FindFuseConnection(MountPoint);
        Track(this);
        var loop = new Thread(RunLoop) { Name = "fuse loop " + MountPoint, IsBackground = true };
        loop.Start();
    }

    private List<string> BuildArguments()
    {
        var arguments = new List<string> { programName };
        foreach (var option in Api.LibfuseOptions(options, programName))
        {
            arguments.Add("-o");
            arguments.Add(option);
        }

        if (options.Debug)
        {
            arguments.Add("-d");
        }

        return arguments;
    }

    private void RunLoop()
    {
        var result = -1;
        try
        {
            result = options.SingleThreaded ? Api.Loop() : Api.LoopMultithreaded(options);
        }
        finally
        {
            bool waitForUnmount;
            lock (gate)
            {
                stopped = true;
                waitForUnmount = unmounting;
            }

            // The loop can return before the requested unmount has happened (the exit flag was set before it got
            // going). libfuse's unmount would then race the external one, and the loser prints "failed to unmount"
            // to stderr. Once the mount is gone, libfuse sees the dead connection and only closes its descriptor.
            if (waitForUnmount)
            {
                externallyUnmounted.Wait(options.UnmountTimeout);
            }

            // libfuse's unmount goes by path, so it may only run while the mount there is ours, or once our connection
            // has ended (libfuse then sees it and only closes the descriptor). After a lazy unmount (fusermount3 -uz)
            // with files still open, the path may hold another filesystem by now: fuse_destroy alone then closes the
            // descriptor, which ends our connection, and leaves the path alone.
            // Deferred replies need the session and its descriptor: they finish (or are refused) before either goes.
            Api.Drain(options.UnmountTimeout);
            if (connection is null || MountTable.IsTopFuseMount(MountPoint, connection) || ConnectionEnded())
            {
                Api.Unmount();
            }

            Api.Destroy();
            created = false;
            AutoUnmountOrdering.Release(orderingDescriptor);
            orderingDescriptor = -1;

            self.Free();
            Interlocked.Decrement(ref allocatedSelfHandles);
            Handles.Clear();
            arguments?.Dispose();
            Untrack(this);
            completion.TrySetResult(result);
        }
    }

    /// <summary>
    /// Aborts the connection through fusectl while the loop still serves it. A connection is named by its device
    /// number, which the kernel hands to the next mount as soon as this one's superblock is gone: once the loop has
    /// returned (closing the descriptor then ends the connection) or the kernel has ended the connection (the loop
    /// is only slow to finish, e.g. in [Destroy]), the number may already be another filesystem's, and aborting it
    /// would kill that one.
    /// </summary>
    private void AbortWhileServing()
    {
        lock (gate)
        {
            // Under the gate the loop thread cannot pass "stopped" and destroy the session whose descriptor we poll.
            if (stopped || ConnectionEnded())
            {
                return;
            }

            Unmounter.Abort(connection);
        }
    }

    /// <summary>True when the kernel has ended the connection: /dev/fuse then polls POLLERR (what libfuse checks too).</summary>
    private bool ConnectionEnded() => FuseDevice.HasEnded(Api.NativeSession);

    /// <summary>
    /// Called by each API's init before the filesystem's own, which may still change what it sets: the connection
    /// options of <see cref="MountOptions"/> (<see cref="MountOptions.WritebackCache"/>, <see cref="MountOptions.MaxWrite"/>),
    /// and <c>-o max_read=N</c>, which libfuse passes to the kernel but leaves out of <c>conn-&gt;max_read</c>, then
    /// refuses the init because the two differ ("init() and fuse_session_new() requested different maximum read
    /// size"): the option works once init agrees with it.
    /// </summary>
    internal void PrepareInit(void* connection)
    {
        if (connection == null)
        {
            return;
        }

        var info = FuseConnectionInfo.FromNative(connection);
        if (MaxRead != 0)
        {
            info.MaxRead = MaxRead;
        }

        if (options.MaxWrite is { } maxWrite)
        {
            info.MaxWrite = (uint)maxWrite;
        }

        if (options.WritebackCache)
        {
            // Through the version-aware capability API: 3.17+ reads want_ext, older versions want.
            _ = info.TryEnable(FuseCapabilities.WritebackCache);
        }
    }

    /// <summary>The value of the last <c>max_read=N</c> mount option, or 0.</summary>
    internal static uint MaxReadOption(IEnumerable<string> libfuseOptions)
    {
        uint value = 0;
        foreach (var option in libfuseOptions)
        {
            foreach (var part in option.Split(','))
            {
                if (part.StartsWith("max_read=", StringComparison.Ordinal) &&
                    uint.TryParse(part.AsSpan("max_read=".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                {
                    value = parsed;
                }
            }
        }

        return value;
    }

    internal static string Explain(string libfuseMessage, string fallback)
    {
        var message = libfuseMessage.StartsWith("fuse: ", StringComparison.Ordinal) ? libfuseMessage.Substring(6) : libfuseMessage;
        return message.Length > 0 ? message : fallback;
    }

    private static void Track(FuseSession session)
    {
        lock (Live)
        {
            Live.Add(session);
        }

        if (Interlocked.Exchange(ref processExitHooked, 1) == 0)
        {
            // A process that exits with mounts still up would leave them dead ("Transport endpoint is not connected").
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => UnmountAll(TimeSpan.FromSeconds(2));
        }
    }

    private static void Untrack(FuseSession session)
    {
        lock (Live)
        {
            Live.Remove(session);
        }
    }

    /// <summary>Unmounts every live mount of this process and waits up to <paramref name="timeout"/>.</summary>
    public static void UnmountAll(TimeSpan timeout)
    {
        FuseSession[] sessions;
        lock (Live)
        {
            sessions = Live.ToArray();
        }

        foreach (var session in sessions)
        {
            session.RequestUnmount();
        }

        Task.WaitAll(Array.ConvertAll(sessions, s => (Task)s.Completion), timeout);
    }
}
