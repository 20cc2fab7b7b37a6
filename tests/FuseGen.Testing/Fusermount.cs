using System;

namespace FuseGen.Testing;

/// <summary>fusermount3 from the fuse3 package.</summary>
public static class Fusermount
{
    /// <summary>Unmounts; <paramref name="lazy"/> detaches even while files are open. Returns true on success.</summary>
    public static bool Unmount(string mountPoint, bool lazy) =>
        ProcessRunner.Run("fusermount3", new[] { lazy ? "-uz" : "-u", mountPoint }, timeout: TimeSpan.FromSeconds(15)).ExitCode == 0;
}
