using System;
using System.IO;
using System.Threading;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>
/// One mount shared by the tests of a class (xunit class fixture), started on first use so that skipped tests never
/// mount. Each test works in its own directory of the source.
/// </summary>
public sealed class MountFixture : IDisposable
{
    private readonly Lazy<MirrorMount> mount = new(() => MirrorMount.Start("shared"), LazyThreadSafetyMode.ExecutionAndPublication);
    private int counter;

    public MirrorMount Mount => mount.Value;

    /// <summary>A new, empty directory (mode 0777, so other users may create in it); returns its name relative to the mount.</summary>
    public string NewDirectory(string name)
    {
        var relative = $"{name}-{Interlocked.Increment(ref counter)}";
        var path = Mount.InSource(relative);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
        return relative;
    }

    public void Dispose()
    {
        if (mount.IsValueCreated)
        {
            mount.Value.Dispose();
        }
    }
}
