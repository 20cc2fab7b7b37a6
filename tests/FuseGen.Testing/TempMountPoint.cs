using System;
using System.IO;

namespace FuseGen.Testing;

/// <summary>
/// A unique, empty directory under <see cref="TempRoot"/> to mount on. Its path is resolved (no symlinks), so it is
/// spelled exactly as /proc/self/mountinfo spells it. Dispose removes it unless something is still mounted there.
/// </summary>
public sealed class TempMountPoint : IDisposable
{
    private TempMountPoint(string path) => Path = path;

    /// <summary>Absolute, symlink-free path of the directory.</summary>
    public string Path { get; }

    /// <summary>Creates <c>ROOT/PREFIX-GUID</c> (<see cref="TempRoot"/>); the prefix tells whose mount a leftover is.</summary>
    public static TempMountPoint Create(string prefix = "fusegen-it")
    {
        var directory = System.IO.Path.Combine(TempRoot.Path, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return new TempMountPoint(LibC.RealPath(directory));
    }

    /// <summary>Removes the directory. Never touches a live mount: a mounted directory is left alone.</summary>
    public void Dispose()
    {
        if (MountInfo.IsMounted(Path))
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: false);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    public override string ToString() => Path;
}
