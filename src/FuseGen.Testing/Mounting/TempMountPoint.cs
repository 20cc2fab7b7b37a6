using System;
using System.IO;
using System.Runtime.InteropServices;
using FuseGen.Testing.Native;

namespace FuseGen.Testing;

/// <summary>
/// A unique, empty directory under <see cref="TempRoot"/> to mount on. Its path is resolved (no symlinks), so it is
/// spelled exactly as /proc/self/mountinfo spells it. Dispose removes it unless something is still mounted there.
/// </summary>
public sealed unsafe class TempMountPoint : IDisposable
{
    private TempMountPoint(string path) => Path = path;

    /// <summary>Absolute, symlink-free path of the directory.</summary>
    public string Path { get; }

    /// <summary>Creates <c>ROOT/PREFIX-GUID</c> (<see cref="TempRoot"/>); the prefix tells whose mount a leftover is.</summary>
    public static TempMountPoint Create(string prefix = "fusegen-it")
    {
        var directory = System.IO.Path.Combine(TempRoot.Path, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return new TempMountPoint(RealPath(directory));
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

    /// <summary>The path.</summary>
    public override string ToString() => Path;

    // realpath(3), so the path compares equal to the kernel's spelling in /proc/self/mountinfo.
    private static string RealPath(string path)
    {
        var resolved = SystemCalls.realpath(path, null);
        if (resolved == null)
        {
            throw new IOException($"realpath('{path}') failed with errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)resolved)!;
        }
        finally
        {
            NativeMemory.Free(resolved);
        }
    }
}
