using System;
using System.IO;

namespace FuseGen.Runtime;

/// <summary>Checks a mount point before libfuse sees it, so each problem gets one precise message.</summary>
internal static class MountPointValidator
{
    private const int ENOTCONN = 107;

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

        if (!File.Exists("/dev/fuse"))
        {
            throw new FuseMountException("/dev/fuse does not exist: load the fuse kernel module ('modprobe fuse') or give the container the device");
        }

        return full;
    }
}
