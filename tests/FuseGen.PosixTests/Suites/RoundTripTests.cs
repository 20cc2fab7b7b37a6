using System.IO;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>
/// Everyday tools copying a tree within the target: the copy must be identical to the original (contents, modes,
/// owners, symlinks, times, xattrs and hard links, as far as each tool preserves them).
/// </summary>
public sealed class RoundTripTests : PosixSuite
{
    public RoundTripTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Cp_archive_copies_everything(string target)
    {
        var (posix, dir) = Setup(target);
        SampleTree.Create(Path.Combine(dir, "src"));
        Shell.Ok("cp -a src dst", dir);
        AssertSame(posix, dir, new SnapshotOptions());
    }

    [Theory, Control, Mounted]
    public void Tar_create_and_extract_restores_everything(string target)
    {
        var (posix, dir) = Setup(target);
        SampleTree.Create(Path.Combine(dir, "src"));
        Shell.Ok("tar -cf tree.tar --xattrs -C src . && mkdir dst && tar -xpf tree.tar --xattrs --xattrs-include='user.*' -C dst", dir);
        AssertSame(posix, dir, new SnapshotOptions());
    }

    [Theory, Control, Mounted]
    public void Rsync_archive_copies_everything_but_hard_links_and_xattrs(string target)
    {
        Assert.True(Shell.Has("rsync"), "rsync is not installed (scripts/test.sh installs it)");
        var (posix, dir) = Setup(target);
        SampleTree.Create(Path.Combine(dir, "src"));
        Shell.Ok("rsync -a src/ dst/", dir);
        AssertSame(posix, dir, new SnapshotOptions { HardLinks = false, Xattrs = false });

        // A second run finds nothing to do, and -H -X carry the rest.
        Assert.Equal("", Shell.Ok("rsync -ai src/ dst/", dir).Trim());
        Shell.Ok("rm -rf dst && rsync -aHX src/ dst/", dir);
        AssertSame(posix, dir, new SnapshotOptions());
    }

    [Theory, Control, Mounted]
    public void Git_commits_and_clones_the_tree(string target)
    {
        Assert.True(Shell.Has("git"), "git is not installed (scripts/test.sh installs it)");
        var (posix, dir) = Setup(target);
        SampleTree.Create(Path.Combine(dir, "src"));
        const string git = "git -c user.name=Test -c user.email=test@example.com -c init.defaultBranch=main -c core.fsync=all";
        Shell.Ok($"cd src && {git} init -q && {git} add -A && {git} commit -qm tree && {git} fsck --strict --no-progress", dir);
        Assert.Equal("", Shell.Ok($"cd src && {git} status --porcelain", dir).Trim());
        Shell.Ok($"{git} clone -q src dst && cd dst && {git} fsck --no-progress && test \"$({git} rev-parse HEAD)\" = \"$(cd ../src && {git} rev-parse HEAD)\"", dir);

        // git keeps contents, symlinks and the executable bit.
        AssertSame(posix, dir, new SnapshotOptions { Modes = false, Owners = false, Times = false, Xattrs = false, HardLinks = false, SkipEmptyDirectories = true, Exclude = new[] { ".git" } });
    }

    /// <summary>The copy equals the original, seen through the target and, for a pass-through, in its source.</summary>
    private static void AssertSame(PosixTarget posix, string dir, SnapshotOptions options)
    {
        var source = TreeSnapshot.Take(Path.Combine(dir, "src"), options);
        var copy = TreeSnapshot.Take(Path.Combine(dir, "dst"), options);
        Assert.True(source.Count > 20, "the sample tree is missing");
        Assert.Equal(source, copy);
        if (posix.Backing(dir) is { } backing)
        {
            Assert.Equal(source, TreeSnapshot.Take(Path.Combine(backing, "src"), options));
            Assert.Equal(source, TreeSnapshot.Take(Path.Combine(backing, "dst"), options));
        }
    }
}
