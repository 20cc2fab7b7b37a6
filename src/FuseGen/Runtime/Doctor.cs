using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.Runtime;

/// <summary>
/// <c>--doctor</c>: what this machine offers a FUSE filesystem, one check per line with what to do about it. The
/// kernel's protocol and capabilities come from a real probe mount (an empty filesystem on a temporary directory,
/// unmounted as soon as the kernel's INIT has been answered), so they are what a mount here would get.
/// </summary>
internal static unsafe class Doctor
{
    private const int CapSysAdmin = 21;
    private const uint SetUid = 0x800;
    private const string UringParameter = "/sys/module/fuse/parameters/enable_uring";

    private static readonly ManualResetEventSlim Initialized = new(false);
    private static uint probeMajor;
    private static uint probeMinor;
    private static FuseCapabilities probeCapable;
    private static uint probeMaxWrite;

    private static int failures;

    /// <summary>Prints the report; returns 0 when nothing failed (warnings allowed), 1 otherwise.</summary>
    public static int Run(TextWriter output, string program)
    {
        failures = 0;
        output.WriteLine($"{program}: FuseGen {typeof(Fuse).Assembly.GetName().Version} doctor, .NET {Environment.Version}, " +
            $"Linux {ReadText("/proc/sys/kernel/osrelease")?.Trim() ?? "?"} {RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}, uid {LibC.geteuid()}");

        var libfuse = CheckLibrary(output);
        CheckDevice(output);
        CheckFusermount(output);
        CheckFuseConf(output);
        var kernel = libfuse && ProbeKernel(output);
        CheckPassthrough(output, libfuse, kernel);
        CheckUring(output, libfuse, kernel);
        output.WriteLine(failures == 0 ? "result: this machine can mount FuseGen filesystems" : $"result: {failures} problem(s) stop mounting here; fix the lines marked FAIL");
        return failures == 0 ? 0 : 1;
    }

    private static bool CheckLibrary(TextWriter output)
    {
        try
        {
            LibFuse.EnsureLoaded();
        }
        catch (FuseLibraryException e)
        {
            Fail(output, "libfuse", e.Message, "install it ('apt-get install fuse3 libfuse3-3') or set FUSEGEN_LIBFUSE to a libfuse3.so");
            return false;
        }

        var path = LoadedObject("libfuse3.so") ?? LibFuse.LibraryName;
        var chosen = Environment.GetEnvironmentVariable("FUSEGEN_LIBFUSE") is { Length: > 0 } o ? $"FUSEGEN_LIBFUSE={o}" : "found by soname";
        Ok(output, "libfuse", $"{LibFuse.Version} from {path} ({chosen})");
        var uring = LoadedObject("liburing.so") is not null;
        output.WriteLine($"      features: loop config {(LibFuse.fuse_loop_mt_312 != null ? "3.12+" : LibFuse.fuse_loop_mt_32 != null ? "3.2" : "3.0")}; " +
            $"64-bit capability flags {Has(LibFuse.Version >= Interop.Native.fuse_conn_info.ExtendedSince)}" +
            $"{(LibFuse.fuse_set_feature_flag != null ? " (fuse_set_feature_flag)" : "")}; passthrough {Has(LibFuse.Version >= new Version(3, 17))}; " +
            $"io_uring {Has(LibFuse.Version >= new Version(3, 18) && uring)}{(LibFuse.Version >= new Version(3, 18) && !uring ? " (built without liburing)" : "")}; " +
            $"operations passed {LibFuse.OperationsSize / sizeof(void*)}");
        if (LibFuse.Version < new Version(3, 17))
        {
            output.WriteLine("      → passthrough and the 64-bit capabilities need libfuse 3.17+; io_uring needs 3.18+ (FUSEGEN_LIBFUSE=/path/to/libfuse3.so.4)");
        }

        return true;
    }

    private static void CheckDevice(TextWriter output)
    {
        const string device = "/dev/fuse";
        var status = MountPointValidator.Status(device);
        if (status is not { } s)
        {
            Fail(output, device, "missing", "load the module ('modprobe fuse'); in a container pass the device (--device /dev/fuse)");
            return;
        }

        if ((s.Mode & 0xF000) != 0x2000 || MountPointValidator.Major(s.Device) != 10 || MountPointValidator.Minor(s.Device) != 229)
        {
            Fail(output, device, "not the FUSE character device 10,229", "recreate it: 'mknod /dev/fuse c 10 229; chmod 666 /dev/fuse'");
            return;
        }

        var path = "/dev/fuse\0"u8;
        fixed (byte* p = path)
        {
            if (LibC.access(p, 6 /* R_OK | W_OK */) != 0)
            {
                Fail(output, device, "character device 10,229, not readable and writable by this user", "'chmod 666 /dev/fuse' (the usual mode)");
                return;
            }
        }

        Ok(output, device, "character device 10,229, read-write");
    }

    private static void CheckFusermount(TextWriter output)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "fusermount3"))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            var root = LibC.geteuid() == 0;
            Line(output, root ? "warn" : "FAIL", "fusermount3", "not on PATH",
                root ? "root mounts without it, but -o auto_unmount and unmounting need it: 'apt-get install fuse3'" : "non-root mounts need it: 'apt-get install fuse3'");
            failures += root ? 0 : 1;
            return;
        }

        var version = RunForLine(path, "-V") ?? "version unknown";
        var setuid = MountPointValidator.Status(path) is { } s && (s.Mode & SetUid) != 0 && s.Uid == 0;
        if (setuid || LibC.geteuid() == 0)
        {
            Ok(output, "fusermount3", $"{path} ({version}), {(setuid ? "setuid root" : "not setuid (root needs no setuid)")}");
        }
        else
        {
            Fail(output, "fusermount3", $"{path} ({version}) is not setuid root", $"'chown root {path}; chmod u+s {path}' (as the fuse3 package installs it)");
        }
    }

    private static void CheckFuseConf(TextWriter output)
    {
        var lines = ReadText("/etc/fuse.conf")?.Split('\n') ?? Array.Empty<string>();
        if (lines.Any(line => line.Trim() == "user_allow_other"))
        {
            Ok(output, "/etc/fuse.conf", "user_allow_other: non-root users may mount with -o allow_other");
        }
        else
        {
            Line(output, LibC.geteuid() == 0 ? "info" : "warn", "/etc/fuse.conf", "no user_allow_other",
                "only root may mount with -o allow_other; add the line 'user_allow_other' to let other users");
        }
    }

    private static bool ProbeKernel(TextWriter output)
    {
        DirectoryInfo? directory = null;
        try
        {
            directory = Directory.CreateTempSubdirectory("fusegen-doctor-");
            Initialized.Reset();
            using (var mount = Fuse.Mount(new Probe(), directory.FullName, new MountOptions { FileSystemName = "fusegen-doctor" }))
            {
                if (!Initialized.Wait(TimeSpan.FromSeconds(10)))
                {
                    Fail(output, "kernel FUSE", "a probe mount did not get the kernel's INIT within 10 s", "check dmesg for FUSE errors");
                    return false;
                }
            }

            Ok(output, "kernel FUSE", $"protocol {probeMajor}.{probeMinor}, max_write {probeMaxWrite}, a probe mount works");
            output.WriteLine($"      capabilities offered: {probeCapable}");
            return true;
        }
        catch (Exception e) when (e is FuseMountException or FuseLibraryException or IOException or UnauthorizedAccessException)
        {
            Fail(output, "kernel FUSE", $"a probe mount failed: {e.Message}", "fix the lines above (device, fusermount3, privileges)");
            return false;
        }
        finally
        {
            try
            {
                directory?.Delete();
            }
            catch (IOException)
            {
                // Still mounted after a failure: leave the directory rather than touch a mount.
            }
        }
    }

    private static void CheckPassthrough(TextWriter output, bool libfuse, bool kernel)
    {
        var admin = HasCapability(CapSysAdmin);
        var offered = kernel && (probeCapable & FuseCapabilities.Passthrough) != 0;
        var library = libfuse && LibFuse.Version >= new Version(3, 17);
        var finding = $"CAP_SYS_ADMIN {Has(admin)}, kernel offers it {(kernel ? Has(offered) : "unknown")}, libfuse 3.17+ {Has(library)}";
        if (admin && offered && library)
        {
            Ok(output, "passthrough", finding + ": opens can hand the kernel a backing file");
            return;
        }

        var action = !library ? "use libfuse 3.17+" : !admin ? "run the filesystem as root (or with CAP_SYS_ADMIN)" : "needs a kernel 6.9+ with CONFIG_FUSE_PASSTHROUGH";
        Line(output, "info", "passthrough", finding, action + "; without it reads and writes go through the filesystem as usual");
    }

    private static void CheckUring(TextWriter output, bool libfuse, bool kernel)
    {
        var parameter = ReadText(UringParameter)?.Trim();
        var library = libfuse && LibFuse.Version >= new Version(3, 18) && LoadedObject("liburing.so") is not null;
        var finding = $"{UringParameter} {(parameter is null ? "missing (kernel without CONFIG_FUSE_IO_URING, or before 6.14)" : "= " + parameter)}, libfuse with io_uring {Has(library)}";
        if (parameter == "Y" && library)
        {
            Ok(output, "io_uring", finding + ": mount with -o io_uring to use it");
        }
        else
        {
            var action = parameter is null ? "needs a kernel 6.14+ with CONFIG_FUSE_IO_URING"
                : parameter != "Y" ? $"as root: 'echo Y > {UringParameter}'"
                : "use libfuse 3.18+ built with liburing";
            Line(output, "info", "io_uring", finding, action + "; the default /dev/fuse transport works without it");
        }
    }

    private static string Has(bool value) => value ? "yes" : "no";

    private static void Ok(TextWriter output, string check, string finding) => output.WriteLine($"ok    {check}: {finding}");

    private static void Fail(TextWriter output, string check, string finding, string action)
    {
        failures++;
        Line(output, "FAIL", check, finding, action);
    }

    private static void Line(TextWriter output, string level, string check, string finding, string action) =>
        output.WriteLine($"{level,-5} {check}: {finding}\n      → {action}");

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The path of a shared object mapped into this process whose file name contains <paramref name="name"/>.</summary>
    private static string? LoadedObject(string name) =>
        ReadText("/proc/self/maps")?.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).Contains(name, StringComparison.Ordinal))
            .Select(fields => fields[5])
            .FirstOrDefault();

    private static bool HasCapability(int capability)
    {
        var line = ReadText("/proc/self/status")?.Split('\n').FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        return line is not null && ulong.TryParse(line.AsSpan(7).Trim(), System.Globalization.NumberStyles.HexNumber, null, out var mask) &&
            (mask & (1UL << capability)) != 0;
    }

    private static string? RunForLine(string program, string argument)
    {
        try
        {
            var start = new ProcessStartInfo(program, argument) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
                return null;
            }

            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void* OnProbeInit(void* connection, void* config)
    {
        try
        {
            var info = FuseConnectionInfo.FromNative(connection);
            probeMajor = info.ProtocolMajor;
            probeMinor = info.ProtocolMinor;
            probeCapable = info.Capable;
            probeMaxWrite = info.MaxWrite;
        }
        catch (Exception)
        {
            // Nothing may unwind into libfuse; the report then shows zeros.
        }
        finally
        {
            Initialized.Set();
        }

        return null;
    }

    /// <summary>An empty filesystem that only records what the kernel offers at INIT.</summary>
    private sealed class Probe : IFuseFileSystem
    {
        public void FillOperations(FuseOperations* operations) => operations->init = &OnProbeInit;
    }
}
