using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.Runtime;

/// <summary>
/// Unmounts from outside libfuse's state (libfuse's own unmount closes the session fd, which is only safe after the
/// loop has returned). Root calls umount2 directly; other users go through setuid fusermount3.
/// </summary>
internal static unsafe class Unmounter
{
    private const int EBUSY = 16;

    /// <summary>Unmounts; if files are still open, detaches lazily. Returns false when the mount stays attached.</summary>
    public static bool Unmount(string mountPoint) => Unmount(mountPoint, connection: null);

    /// <summary>
    /// Unmounts the FUSE connection <paramref name="connection"/> at <paramref name="mountPoint"/> (null: whatever is
    /// mounted there). Unmounting goes by path, so when the connection is no longer the visible mount there (detached
    /// lazily with files still open, and perhaps another filesystem mounted there since), nothing is unmounted.
    /// </summary>
    public static bool Unmount(string mountPoint, string? connection)
    {
        if (connection is null ? !MountTable.IsMounted(mountPoint) : !MountTable.IsTopFuseMount(mountPoint, connection))
        {
            return true;
        }

        if (LibC.geteuid() == 0)
        {
            var path = Encoding.UTF8.GetBytes(mountPoint + "\0");
            fixed (byte* p = path)
            {
                if (LibC.umount2(p, 0) == 0)
                {
                    return true;
                }

                if (System.Runtime.InteropServices.Marshal.GetLastSystemError() == EBUSY)
                {
                    return LibC.umount2(p, LibC.MNT_DETACH) == 0;
                }
            }

            return !MountTable.IsMounted(mountPoint);
        }

        return RunFusermount("-u", mountPoint) || RunFusermount("-uz", mountPoint);
    }

    /// <summary>
    /// Aborts the kernel connection: pending and future requests fail with ECONNABORTED and the loop ends. Uses the
    /// fusectl file system, mounting it first (root only) where the machine has not, as containers often do not.
    /// </summary>
    public static bool Abort(string? connection)
    {
        if (connection is null)
        {
            return false;
        }

        var abort = $"{ConnectionsDirectory}/{connection}/abort";
        if (!File.Exists(abort) && LibC.geteuid() == 0 && Directory.Exists(ConnectionsDirectory))
        {
            MountFusectl();
        }

        try
        {
            File.WriteAllText(abort, "1");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private const string ConnectionsDirectory = "/sys/fs/fuse/connections";

    private static void MountFusectl()
    {
        var target = Encoding.UTF8.GetBytes(ConnectionsDirectory + "\0");
        var type = Encoding.UTF8.GetBytes("fusectl\0");
        fixed (byte* t = target)
        fixed (byte* f = type)
        {
            // Fails harmlessly (EBUSY) when another thread or process mounted it meanwhile.
            LibC.mount(f, t, f, 0, null);
        }
    }

    private static bool RunFusermount(string flags, string mountPoint)
    {
        try
        {
            var start = new ProcessStartInfo("fusermount3")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(flags);
            start.ArgumentList.Add(mountPoint);
            using var process = Process.Start(start)!;
            // Unmounting never waits on the filesystem, but an unmount must not hang its caller whatever happens.
            process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }
}
