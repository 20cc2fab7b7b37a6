using System;
using System.IO;
using FuseGen.PosixTests.Infrastructure;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// The control: a plain temporary directory of the machine's own filesystem (ext4 here). Every test must pass on it
/// first, which shows the test asserts what POSIX and Linux do, not what a sample happens to do.
/// </summary>
/// <remarks>Its traits are probed, since they depend on which filesystem holds the temporary directory.</remarks>
public sealed class ControlTarget : PosixTarget
{
    private TargetTraits? traits;

    public override string Name => TargetCatalog.Control;

    public override TargetTraits Traits => traits ?? throw new InvalidOperationException("not started");

    public override void Start()
    {
        Root = Directory.CreateTempSubdirectory("fusegen-posix-control-").FullName;
        Sys.Chmod(Root, 0x1ED);
        traits = Probe(Root);
    }

    protected override void Dispose(bool disposing)
    {
        if (Root.Length > 0 && Directory.Exists(Root))
        {
            // Tests leave read-only and foreign-owned entries behind; as root that is no obstacle.
            Directory.Delete(Root, recursive: true);
        }
    }

    private static TargetTraits Probe(string root)
    {
        var probe = Path.Combine(root, ".probe");
        var fd = Sys.Open(probe, LibC.O_RDWR | LibC.O_CREAT | LibC.O_TRUNC);
        try
        {
            Sys.Truncate(fd, 1 << 20);
            var collapse = Sys.Fails(() => Sys.Fallocate(fd, LibC.FALLOC_FL_COLLAPSE_RANGE, 0, 1 << 16)) == Errno.None;
            Sys.Fallocate(fd, LibC.FALLOC_FL_KEEP_SIZE, 0, 1 << 16);
            var holes = Sys.Fails(() => Sys.Seek(fd, 0, LibC.SEEK_DATA)) == Errno.ENXIO;
            Sys.Mkdir(probe + ".d");
            Sys.WriteFile(probe + ".d/a", "a"u8);
            var whiteout = Sys.Fails(() => Sys.Rename(probe + ".d/a", probe + ".d/b", LibC.RENAME_WHITEOUT)) == Errno.None;
            return new TargetTraits { CollapseRange = collapse, RenameWhiteout = whiteout, FallocatedRangesReadAsHoles = holes, ExclusiveStatfs = false };
        }
        finally
        {
            Sys.Close(fd);
            File.Delete(probe);
            Directory.Delete(probe + ".d", recursive: true);
        }
    }
}
