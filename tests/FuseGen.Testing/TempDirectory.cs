using System;
using System.IO;

namespace FuseGen.Testing;

/// <summary>A fresh empty directory under <see cref="TempRoot"/>, deleted on dispose (never while something is mounted on it).</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "fusegen")
        : this(prefix, TempRoot.Path)
    {
    }

    /// <summary>A fresh empty directory under <paramref name="parent"/> instead (a test that needs a particular filesystem).</summary>
    public TempDirectory(string prefix, string parent)
    {
        Path = System.IO.Path.Combine(parent, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>
    /// Deletes the directory with <c>rm -rf --one-file-system</c>: it never descends into something mounted below,
    /// and it handles trees deeper than PATH_MAX, which Directory.Delete cannot.
    /// </summary>
    public void Dispose()
    {
        if (MountInfo.IsMounted(Path))
        {
            return;
        }

        Command.Run("rm", TimeSpan.FromMinutes(2), "-rf", "--one-file-system", Path);
    }

    public override string ToString() => Path;
}
