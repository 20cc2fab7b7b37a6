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

    private readonly object gate = new();
    private readonly TaskCompletionSource<int> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly MountOptions options;
    private readonly ManualResetEventSlim externallyUnmounted = new(false);
    private readonly string programName;
    private GCHandle self;
    private void* fuse;
    private delegate* unmanaged[Cdecl]<void*, void*, void*> userInit;
    private delegate* unmanaged[Cdecl]<void*, void> userDestroy;

    // Set when this mount's configuration makes libfuse's filler look entries up (readdir_ino); see LibFuseFiller.
    private bool fillerLooksUp;
    private bool stopped;
    private bool unmounting;
    private int unmountRequested;
    private string? connection;
    private NativeArguments? arguments;

    private FuseSession(IFuseFileSystem fileSystem, string mountPoint, MountOptions options)
    {
        FileSystem = fileSystem;
        MountPoint = mountPoint;
        this.options = options;
        programName = fileSystem.GetType().Name;
    }

    public object FileSystem { get; }

    /// <summary>Objects returned by open, create and opendir, by <c>fh</c>.</summary>
    public HandleTable Handles { get; } = new();

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
    public static FuseSession Start(IFuseFileSystem fileSystem, string mountPoint, MountOptions options)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        LibFuse.EnsureLoaded();
        var full = MountPointValidator.Validate(mountPoint, options.ClearStaleMount);
        CheckUnprivilegedOptions(options);
        var session = new FuseSession(fileSystem, full, options);
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
    internal static FuseSession CreateForTesting(IFuseFileSystem fileSystem, MountOptions options)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        return new FuseSession(fileSystem, "", options);
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

            LibFuse.fuse_session_exit(LibFuse.fuse_get_session(fuse));
            unmounting = true;
        }

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
                    Unmounter.Abort(session.connection);
                }
            },
            this,
            preferLocal: false);
    }

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

    public static void ReportToStandardError(FuseFault fault, string? program = null) =>
        Console.Error.WriteLine($"{program ?? AppDomain.CurrentDomain.FriendlyName}: {fault}");

    private void Create()
    {
        // libfuse reads OperationsSize bytes, which covers members FuseGen does not bind yet (statx, ...): they stay null.
        var operations = (FuseOperations*)NativeMemory.AllocZeroed((nuint)Math.Max(sizeof(FuseOperations), LibFuse.OperationsSize));
        arguments = new NativeArguments(BuildArguments());
        try
        {
            ((IFuseFileSystem)FileSystem).FillOperations(operations);
            userInit = operations->init;
            userDestroy = operations->destroy;
            operations->init = &OnInit;
            operations->destroy = &OnDestroy;

            self = GCHandle.Alloc(this);
            Interlocked.Increment(ref allocatedSelfHandles);
            FuseLog.BeginCapture();
            fuse = LibFuse.fuse_new(arguments.Pointer, operations, (nuint)LibFuse.OperationsSize, (void*)GCHandle.ToIntPtr(self));
            if (fuse == null)
            {
                throw new FuseMountException(Explain(FuseLog.EndCapture(), "libfuse rejected the mount options"));
            }

            var path = Encoding.UTF8.GetBytes(MountPoint + "\0");
            int mounted;
            fixed (byte* p = path)
            {
                mounted = LibFuse.fuse_mount(fuse, p);
            }

            if (mounted != 0)
            {
                var message = Explain(FuseLog.EndCapture(), $"cannot mount on '{MountPoint}'");
                LibFuse.fuse_destroy(fuse);
                fuse = null;
                throw new FuseMountException(message);
            }

            FuseLog.EndCapture();
        }
        catch
        {
            FuseLog.EndCapture();
            if (self.IsAllocated)
            {
                self.Free();
                Interlocked.Decrement(ref allocatedSelfHandles);
            }

            arguments.Dispose();
            throw;
        }
        finally
        {
            // libfuse copied the table in fuse_new.
            NativeMemory.Free(operations);
        }

        connection = MountTable.FindFuseConnection(MountPoint);
        Track(this);
        var loop = new Thread(RunLoop) { Name = "fuse loop " + MountPoint, IsBackground = true };
        loop.Start();
    }

    private List<string> BuildArguments()
    {
        var arguments = new List<string> { programName };
        foreach (var option in options.LibfuseOptions(programName))
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
            result = options.SingleThreaded ? LibFuse.fuse_loop(fuse) : RunMultithreaded();
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
            if (connection is null || MountTable.IsTopFuseMount(MountPoint, connection) || ConnectionEnded())
            {
                LibFuse.fuse_unmount(fuse);
            }

            LibFuse.fuse_destroy(fuse);
            fuse = null;
            if (fillerLooksUp)
            {
                LibFuseFiller.MountEnded();
            }

            self.Free();
            Interlocked.Decrement(ref allocatedSelfHandles);
            Handles.Clear();
            arguments?.Dispose();
            Untrack(this);
            completion.TrySetResult(result);
        }
    }

    /// <summary>True when the kernel has ended the connection: /dev/fuse then polls POLLERR (what libfuse checks too).</summary>
    private bool ConnectionEnded()
    {
        var fd = LibFuse.fuse_session_fd(LibFuse.fuse_get_session(fuse));
        if (fd < 0)
        {
            return true;
        }

        var poll = new LibC.PollFd { fd = fd };
        return LibC.poll(&poll, 1, 0) == 1 && (poll.revents & LibC.POLLERR) != 0;
    }

    private int RunMultithreaded()
    {
        if (LibFuse.fuse_loop_mt_312 != null && LibFuse.fuse_loop_cfg_create != null)
        {
            var config = LibFuse.fuse_loop_cfg_create();
            try
            {
                LibFuse.fuse_loop_cfg_set_clone_fd(config, options.CloneFd ? 1u : 0u);
                LibFuse.fuse_loop_cfg_set_idle_threads(config, (uint)options.MaxIdleThreads);
                if (LibFuse.fuse_loop_cfg_set_max_threads != null)
                {
                    LibFuse.fuse_loop_cfg_set_max_threads(config, (uint)options.MaxThreads);
                }

                return LibFuse.fuse_loop_mt_312(fuse, config);
            }
            finally
            {
                LibFuse.fuse_loop_cfg_destroy(config);
            }
        }

        if (LibFuse.fuse_loop_mt_32 != null)
        {
            var config = new fuse_loop_config_v1 { clone_fd = options.CloneFd ? 1 : 0, max_idle_threads = (uint)options.MaxIdleThreads };
            return LibFuse.fuse_loop_mt_32(fuse, &config);
        }

        return LibFuse.fuse_loop_mt_30 != null ? LibFuse.fuse_loop_mt_30(fuse, options.CloneFd ? 1 : 0) : LibFuse.fuse_loop_mt_312(fuse, null);
    }

    private static string Explain(string libfuseMessage, string fallback)
    {
        var message = libfuseMessage.StartsWith("fuse: ", StringComparison.Ordinal) ? libfuseMessage.Substring(6) : libfuseMessage;
        return message.Length > 0 ? message : fallback;
    }

    /// <summary>
    /// The options libfuse 3 takes only in <c>fuse_config</c> and <c>fuse_conn_info</c>, set before the filesystem's
    /// own init so that it can still change them.
    /// </summary>
    private void Configure(fuse_conn_info* connection, fuse_config* config)
    {
        if (connection != null)
        {
            if (options.WritebackCache)
            {
                connection->want |= connection->capable & (uint)FuseCapabilities.WritebackCache;
            }

            if (options.MaxWrite is { } maxWrite)
            {
                connection->max_write = (uint)maxWrite;
            }
        }

        if (config == null)
        {
            return;
        }

        if (options.UseIno)
        {
            config->use_ino = 1;
        }

        if (options.DirectIo)
        {
            config->direct_io = 1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void* OnInit(void* connection, void* config)
    {
        var context = LibFuse.fuse_get_context();
        FuseSession? session = null;
        try
        {
            session = Unsafe.As<FuseSession>(GCHandle.FromIntPtr((nint)context->private_data).Target!);
            session.Configure((fuse_conn_info*)connection, (fuse_config*)config);
            if (session.userInit != null)
            {
                session.userInit(connection, config);
            }
        }
        catch (Exception e)
        {
            FuseRequest.Current.Fail(e, "init");
        }

        // Whatever init did (or threw), the configuration now holds what the mount will use.
        if (session is not null)
        {
            session.fillerLooksUp = LibFuseFiller.MountStarted((fuse_config*)config);
        }

        // private_data stays FuseGen's session handle whatever the filesystem does in init.
        return context->private_data;
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnDestroy(void* privateData)
    {
        try
        {
            var session = Unsafe.As<FuseSession>(GCHandle.FromIntPtr((nint)privateData).Target!);
            if (session.userDestroy != null)
            {
                session.userDestroy(privateData);
            }
        }
        catch (Exception e)
        {
            FuseRequest.Current.Fail(e, "destroy");
        }
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
