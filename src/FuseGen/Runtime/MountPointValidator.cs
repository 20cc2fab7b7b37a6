using System;
using System.IO;
using System.Text;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.Runtime;

/// <summary>Checks a mount point before libfuse sees it, so each problem gets one precise message.</summary>
internal static unsafe class MountPointValidator
{
    private const int ENOTCONN = 107;
    private const string Device = "/dev/fuse";
    private const uint FileTypeMask = 0xF000;
    private const uint CharacterDevice = 0x2000;
    private const uint StickyBit = 0x200;

    /// <summary>Checks the mount point; with <paramref name="clearStale"/>, a dead FUSE mount left by a killed process is unmounted first.</summary>
    public static string Validate(string mountPoint, bool clearStale = false)
    {
        if (string.IsNullOrWhiteSpace(mountPoint))
        {
            throw new FuseMountException("no mount point given");
        }

        var full = Path.GetFullPath(mountPoint);
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FuseMountException($"mount point '{mountPoint}' does not exist");
        }
        catch (IOException e) when (e.HResult == ENOTCONN)
        {
            if (clearStale && Unmounter.Unmount(full) && !MountTable.IsMounted(full))
            {
                return Validate(mountPoint);
            }

            throw new FuseMountException(
                $"mount point '{mountPoint}' is a stale FUSE mount (transport endpoint is not connected); clear it with 'fusermount3 -u {full}' or mount with -o clear_stale");
        }
        catch (UnauthorizedAccessException)
        {
            throw new FuseMountException($"mount point '{mountPoint}' is not accessible: permission denied");
        }

        if (MountTable.FindFuseConnection(full) is not null)
        {
            throw new FuseMountException($"mount point '{mountPoint}' already has a FUSE filesystem mounted on it; unmount it first ('fusermount3 -u {full}')");
        }

        if ((attributes & FileAttributes.Directory) == 0)
        {
            throw new FuseMountException($"mount point '{mountPoint}' is not a directory");
        }

        if (LibC.geteuid() != 0)
        {
            CheckUnprivileged(mountPoint, full);
        }

        CheckDevice();
        return full;
    }

    /// <summary>
    /// Without root, fusermount3 mounts, and it refuses a mount point that the user may not write to, or a sticky one
    /// the user does not own. It says so on its own stderr, after which libfuse's failure would be a second line:
    /// checking first keeps the message to one line.
    /// </summary>
    private static void CheckUnprivileged(string mountPoint, string full)
    {
        if (Status(full) is { } status && (status.Mode & StickyBit) != 0 && status.Uid != LibC.getuid())
        {
            throw new FuseMountException($"mount point '{mountPoint}' is sticky and not owned by this user: fusermount3 refuses it without root");
        }

        var path = Encoding.UTF8.GetBytes(full + "\0");
        fixed (byte* p = path)
        {
            if (LibC.access(p, LibC.W_OK) != 0)
            {
                throw new FuseMountException($"mount point '{mountPoint}' is not writable by this user: fusermount3 needs write access to mount there without root");
            }
        }
    }

    /// <summary>/dev/fuse must exist and be the FUSE device (character device 10,229), not something bound over it.</summary>
    private static void CheckDevice()
    {
        if (!File.Exists(Device))
        {
            throw new FuseMountException($"{Device} does not exist: load the fuse kernel module ('modprobe fuse') or give the container the device");
        }

        if (Status(Device) is { } status && ((status.Mode & FileTypeMask) != CharacterDevice || Major(status.Device) != 10 || Minor(status.Device) != 229))
        {
            throw new FuseMountException(
                $"{Device} is not the FUSE device (character device 10,229) but {((status.Mode & FileTypeMask) == CharacterDevice ? $"character device {Major(status.Device)},{Minor(status.Device)}" : "no character device")}: give the process the real device");
        }
    }

    internal static (uint Mode, uint Uid, ulong Device)? Status(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        var buffer = stackalloc byte[NativeStat.MaxSize];
        fixed (byte* p = bytes)
        {
            if (LibC.stat(p, buffer) != 0)
            {
                return null;
            }
        }

        var stat = NativeStat.Read(buffer);
        return (stat.Mode, stat.Uid, stat.DeviceNumber);
    }

    // glibc's gnu_dev_major / gnu_dev_minor.
    internal static ulong Major(ulong device) => ((device >> 8) & 0xfff) | ((device >> 32) & ~0xffful);

    internal static ulong Minor(ulong device) => (device & 0xff) | ((device >> 12) & ~0xfful);
}
