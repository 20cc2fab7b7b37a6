using System;
using System.IO;

namespace FuseGen.Testing;

/// <summary>A fresh empty directory under the temp folder, deleted on dispose (never while something is mounted on it).</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "fusegen")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        if (MountInfo.IsMounted(Path))
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public override string ToString() => Path;
}
