using System;
using System.IO;
using System.Threading;
using FuseGen.PosixTests.Infrastructure;

namespace FuseGen.PosixTests.Targets;

/// <summary>A place where the suite runs: a directory of some filesystem, the same tests on each.</summary>
public abstract class PosixTarget : IDisposable
{
    private int directories;

    /// <summary>The name tests are reported under (the theory argument).</summary>
    public abstract string Name { get; }

    public abstract TargetTraits Traits { get; }

    /// <summary>The directory under which each test gets its own.</summary>
    public string Root { get; protected set; } = "";

    /// <summary>
    /// Where <paramref name="path"/> (a path of this target) is stored outside the mount, for a pass-through sample
    /// (its source); null where no such place exists. Tests check there too that what they wrote arrived intact.
    /// </summary>
    public virtual string? Backing(string path) => null;

    /// <summary>Makes the target ready (mounts it). Called once, on first use.</summary>
    public abstract void Start();

    /// <summary>A fresh, empty directory for one test, mode 0777 so uid 1000 can work in it too.</summary>
    public string NewDirectory(string test)
    {
        BeforeTest();
        var path = Path.Combine(Root, $"{test}-{Interlocked.Increment(ref directories)}");
        Sys.Mkdir(path, 0x1FF);
        Sys.Chmod(path, 0x1FF);
        return path;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Called as each test starts (mounted targets re-arm their watchdog).</summary>
    protected virtual void BeforeTest()
    {
    }

    protected abstract void Dispose(bool disposing);

    public override string ToString() => Name;
}
