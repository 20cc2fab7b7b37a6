using System;
using System.Globalization;
using System.IO;
using FuseGen.Testing;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>
/// A tmpfs of a given size mounted on a fresh directory, to serve as a pass-through filesystem's SOURCE without
/// touching the disk. Dispose unmounts it (lazily if something still holds it), removes the directory and throws if
/// the mount survived.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    public static Tmpfs Mount(long bytes)
    {
        var directory = Directory.CreateTempSubdirectory("fusegen-tmpfs-").FullName;
        var path = FuseGen.Testing.LibC.RealPath(directory);
        var result = Command.Run("mount", TimeSpan.FromSeconds(20), "-t", "tmpfs", "-o", "size=" + bytes.ToString(CultureInfo.InvariantCulture) + ",mode=0755", "fusegen-reliability", path);
        if (result.ExitCode != 0 || !MountInfo.IsMounted(path))
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"cannot mount a tmpfs on {path}: {result.Summary}");
        }

        return new Tmpfs(path);
    }

    public void Dispose()
    {
        if (MountInfo.IsMounted(Path) && FuseGen.Testing.LibC.Umount(Path, 0) != 0)
        {
            FuseGen.Testing.LibC.Umount(Path, 2 /* MNT_DETACH */);
        }

        var left = MountInfo.Find(Path);
        if (left is null)
        {
            Directory.Delete(Path);
        }
        else if (left.FileSystemType == "tmpfs")
        {
            throw new InvalidOperationException($"the tmpfs at {Path} could not be unmounted: {left.Line}");
        }
    }
}
