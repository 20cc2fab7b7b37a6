using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Runtime;

namespace FuseGen;

/// <summary>Mounts filesystems: <c>Main</c> for a program's command line, <c>Mount</c> from code; each for path filesystems (<see cref="IFuseFileSystem"/>) and inode filesystems (<see cref="IFuseInodeFileSystem"/>).</summary>
public static class Fuse
{
    /// <summary>
    /// Runs a filesystem the way a FUSE program does: <c>MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]</c>. Blocks
    /// until it is unmounted (<c>fusermount3 -u</c>, SIGINT, SIGTERM or SIGHUP) and returns the exit code: 0 after a
    /// clean unmount, 1 with a one-line message on stderr when it cannot mount. <c>--doctor</c> checks the machine
    /// instead (libfuse, <c>/dev/fuse</c>, fusermount3, the kernel's FUSE protocol, passthrough, io_uring) and exits.
    /// </summary>
    /// <param name="fileSystem">The filesystem, a <see cref="FuseFileSystemAttribute"/> class.</param>
    /// <param name="args">The command-line arguments (without the program name).</param>
    /// <param name="defaults">Options in force unless the command line changes them.</param>
    public static int Main(IFuseFileSystem fileSystem, string[] args, MountOptions? defaults = null) =>
        Main(fileSystem, args, defaults, "MOUNTPOINT");

    /// <summary>
    /// <see cref="Main(IFuseFileSystem, string[], MountOptions?)"/> for a program whose command line has arguments of
    /// its own before the mount point (<c>MirrorFs SOURCE MOUNTPOINT</c>): it removes them from
    /// <paramref name="args"/> and names them in <paramref name="usage"/>, so that <c>--help</c> and usage errors show
    /// the program's real command line.
    /// </summary>
    /// <param name="fileSystem">The filesystem, a <see cref="FuseFileSystemAttribute"/> class.</param>
    /// <param name="args">The command-line arguments without the program name and without the program's own.</param>
    /// <param name="defaults">Options in force unless the command line changes them.</param>
    /// <param name="usage">The program's arguments up to the mount point, as usage lines show them: <c>SOURCE MOUNTPOINT</c>.</param>
    public static int Main(IFuseFileSystem fileSystem, string[] args, MountOptions? defaults, string usage) =>
        Run(fileSystem, args, defaults, usage);

    /// <summary>
    /// Runs an inode filesystem the way a FUSE program does; the same command line, signals and exit codes as
    /// <see cref="Main(IFuseFileSystem, string[], MountOptions?)"/>.
    /// </summary>
    /// <param name="fileSystem">The filesystem, an inode filesystem class.</param>
    /// <param name="args">The command-line arguments (without the program name).</param>
    /// <param name="defaults">Options in force unless the command line changes them.</param>
    public static int Main(IFuseInodeFileSystem fileSystem, string[] args, MountOptions? defaults = null) =>
        Run(fileSystem, args, defaults, "MOUNTPOINT");

    /// <summary>
    /// <see cref="Main(IFuseInodeFileSystem, string[], MountOptions?)"/> for a program whose command line has arguments
    /// of its own before the mount point; see <see cref="Main(IFuseFileSystem, string[], MountOptions?, string)"/>.
    /// </summary>
    /// <param name="fileSystem">The filesystem, an inode filesystem class.</param>
    /// <param name="args">The command-line arguments without the program name and without the program's own.</param>
    /// <param name="defaults">Options in force unless the command line changes them.</param>
    /// <param name="usage">The program's arguments up to the mount point, as usage lines show them: <c>SOURCE MOUNTPOINT</c>.</param>
    public static int Main(IFuseInodeFileSystem fileSystem, string[] args, MountOptions? defaults, string usage) =>
        Run(fileSystem, args, defaults, usage);

    /// <summary>
    /// Mounts <paramref name="fileSystem"/> at <paramref name="mountPoint"/> and serves it on background threads.
    /// Returns once the mount exists. Several filesystems may be mounted in one process.
    /// </summary>
    /// <exception cref="FuseMountException">The mount point or options are unusable.</exception>
    /// <exception cref="FuseLibraryException">libfuse3 is not installed.</exception>
    public static FuseMount Mount(IFuseFileSystem fileSystem, string mountPoint, MountOptions? options = null) =>
        new(FuseSession.Start(fileSystem, mountPoint, options ?? new MountOptions()));

    /// <summary>
    /// Mounts the inode filesystem <paramref name="fileSystem"/> at <paramref name="mountPoint"/> and serves it on
    /// background threads. Returns once the mount exists. Several filesystems may be mounted in one process.
    /// </summary>
    /// <exception cref="FuseMountException">The mount point or options are unusable.</exception>
    /// <exception cref="FuseLibraryException">libfuse3 is not installed.</exception>
    public static FuseMount Mount(IFuseInodeFileSystem fileSystem, string mountPoint, MountOptions? options = null) =>
        new(FuseSession.Start(fileSystem, mountPoint, options ?? new MountOptions()));

    private static int Run(object fileSystem, string[] args, MountOptions? defaults, string usage)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentException.ThrowIfNullOrWhiteSpace(usage);
        var program = AppDomain.CurrentDomain.FriendlyName;
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args, defaults);
        }
        catch (FormatException e)
        {
            return Fail(program, e.Message + $" (see '{program} --help')");
        }

        if (line.ShowHelp)
        {
            PrintHelp(program, usage);
            return 0;
        }

        if (line.ShowVersion)
        {
            return PrintVersion(program);
        }

        if (line.ShowDoctor)
        {
            return Doctor.Run(Console.Out, program);
        }

        if (line.MountPoint is null)
        {
            return Fail(program, $"no mount point given ({Usage(program, usage)})");
        }

        // Catch the signals before mounting: one arriving between the mount and the handlers would take the
        // default action, killing the process and leaving a dead mount ("Transport endpoint is not connected").
        var gate = new object();
        FuseSession? session = null;
        var signalled = false;
        var registrations = new List<PosixSignalRegistration>();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                FuseSession? mounted;
                lock (gate)
                {
                    if (session is null && signalled)
                    {
                        // A second signal while mounting (stuck on a hung mount point, say): die as asked.
                        return;
                    }

                    signalled = true;
                    mounted = session;
                }

                // Unmount instead of dying: dying would leave a dead mount behind.
                context.Cancel = true;
                mounted?.RequestUnmount();
            }));
        }

        try
        {
            FuseSession started;
            try
            {
                started = FuseSession.Start(fileSystem, line.MountPoint, line.Options);
            }
            catch (Exception e) when (e is FuseMountException or FuseLibraryException)
            {
                return Fail(program, e.Message);
            }

            bool stopAtOnce;
            lock (gate)
            {
                session = started;
                stopAtOnce = signalled;
            }

            if (stopAtOnce)
            {
                // Signalled while mounting: the mount exists now, so take it down the normal way.
                started.RequestUnmount();
            }

            var status = started.Completion.GetAwaiter().GetResult();
            return status == 0 ? 0 : Fail(program, $"the FUSE loop ended with error {status}");
        }
        finally
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }

    private static int Fail(string program, string message)
    {
        Console.Error.WriteLine($"{program}: {message}");
        return 1;
    }

    // The one usage line, in help and in usage errors alike.
    private static string Usage(string program, string usage) => $"usage: {program} {usage} [-f] [-d] [-s] [-o opt[,opt...]]";

    private static unsafe void PrintHelp(string program, string usage)
    {
        Console.WriteLine(Usage(program, usage));
        Console.WriteLine();
        Console.WriteLine("    -h, --help             print this help");
        Console.WriteLine("    -V, --version          print versions");
        Console.WriteLine("    -d, -o debug           print every request (implies -f)");
        Console.WriteLine("    -f                     stay in the foreground (always the case)");
        Console.WriteLine("    -s                     single-threaded loop");
        Console.WriteLine("    -o clone_fd            one /dev/fuse descriptor per worker thread");
        Console.WriteLine("    -o max_idle_threads=N  idle worker threads kept (default 10)");
        Console.WriteLine("    -o max_threads=N       worker threads at most (default 10)");
        Console.WriteLine("    -o clear_stale         unmount a dead FUSE mount left on MOUNTPOINT by a killed process");
        Console.WriteLine("    --doctor               check this machine (libfuse, /dev/fuse, fusermount3, kernel FUSE) and exit");
        Console.WriteLine("    -o OPT[,OPT...]        mount and libfuse options (ro, allow_other, default_permissions, fsname=, ...)");
        try
        {
            LibFuse.EnsureLoaded();
            if (LibFuse.fuse_lib_help != null)
            {
                Console.Out.Flush();
                using var arguments = new NativeArguments(new[] { program });
                LibFuse.fuse_lib_help(arguments.Pointer);
            }
        }
        catch (FuseLibraryException e)
        {
            Console.WriteLine($"(libfuse options unavailable: {e.Message})");
        }
    }

    private static int PrintVersion(string program)
    {
        Console.WriteLine($"{program}: FuseGen {typeof(Fuse).Assembly.GetName().Version}");
        try
        {
            LibFuse.EnsureLoaded();
            Console.WriteLine($"libfuse {LibFuse.Version} ({LibFuse.LibraryName})");
            return 0;
        }
        catch (FuseLibraryException e)
        {
            return Fail(program, e.Message);
        }
    }
}
