using System;
using System.IO;

namespace FuseGen.Runtime;

/// <summary>Checks a mount point before libfuse sees it, so each problem gets one precise message.</summary>
internal static class MountPointValidator
{
    private const int ENOTCONN = 107;

    public static string Validate(string mountPoint)
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
            throw new FuseMountException(
                $"mount point '{mountPoint}' is a stale FUSE mount (transport endpoint is not connected); clear it with 'fusermount3 -u {full}'");
        }
        catch (UnauthorizedAccessException)
        {
            throw new FuseMountException($"mount point '{mountPoint}' is not accessible: permission denied");
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
