using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using FuseGen.MirrorFs.Tests.Infrastructure;
using FuseGen.Testing;
using Xunit;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// cp -a, tar, rsync -a and git copy a varied tree into the mount and back out of it: the source copy and the copy
/// that came back are byte-identical to the original, metadata included.
/// </summary>
public sealed unsafe class RoundTripTests : IClassFixture<MountFixture>
{
    private readonly MountFixture fixture;

    public RoundTripTests(MountFixture fixture) => this.fixture = fixture;

    private MirrorMount Mount => fixture.Mount;

    [MountFact(AsRoot = true)]
    public void CpArchiveRoundTripsByteForByte()
    {
        var (original, into, back) = Prepare("cp");
        Shell.Run("cp", "-a", original, Mount.At(into)).ExpectSuccess();
        Shell.Run("cp", "-a", Mount.At(into), back).ExpectSuccess();
        AssertCopies(original, into, back);
    }

    [MountFact(AsRoot = true)]
    public void TarRoundTripsByteForByte()
    {
        var (original, into, back) = Prepare("tar");
        Directory.CreateDirectory(Mount.At(into));
        Directory.CreateDirectory(back);
        const string Tar = "tar --xattrs --xattrs-include='user.*' --numeric-owner";
        Shell.Sh($"{Tar} -C '{original}' -cf - . | {Tar} -C '{Mount.At(into)}' -xpf -");
        Shell.Sh($"{Tar} -C '{Mount.At(into)}' -cf - . | {Tar} -C '{back}' -xpf -");
        AssertCopies(original, into, back);
    }

    [MountFact(AsRoot = true)]
    public void RsyncArchiveRoundTripsByteForByte()
    {
        var (original, into, back) = Prepare("rsync");
        Shell.Run("rsync", "-aHX", original + "/", Mount.At(into) + "/").ExpectSuccess();
        Shell.Run("rsync", "-aHX", Mount.At(into) + "/", back + "/").ExpectSuccess();
        AssertCopies(original, into, back);

        // An update in place: only the changed file is rewritten, through rsync's temporary file and rename.
        File.AppendAllText(Path.Combine(original, "docs/readme.txt"), "more\n");
        Shell.Run("rsync", "-aHX", original + "/", Mount.At(into) + "/").ExpectSuccess();
        TreeSnapshot.Take(original).AssertSame(TreeSnapshot.Take(Mount.InSource(into)), "rsync update");
    }

    [MountFact(AsRoot = true)]
    public void GitRepositoriesWorkInTheMountAndCloneOutIdentically()
    {
        var (original, into, back) = Prepare("git");
        var repository = Mount.At(into);
        static bool Tracked(string path) => !path.EndsWith("fifo", StringComparison.Ordinal) && !path.StartsWith("empty", StringComparison.Ordinal);
        Shell.Run("cp", "-a", original, repository).ExpectSuccess();
        File.Delete(Path.Combine(repository, "fifo"));
        Directory.Delete(Path.Combine(repository, "empty"));

        Git(repository, "init", "-q", "-b", "main");
        Git(repository, "add", "-A");
        Git(repository, "commit", "-q", "-m", "everything");
        File.AppendAllText(Path.Combine(repository, "docs/readme.txt"), "second\n");
        Git(repository, "commit", "-q", "-am", "second");
        Git(repository, "gc", "-q", "--aggressive");
        Git(repository, "fsck", "--full", "--strict");
        Assert.Equal("", Git(repository, "status", "--porcelain"));

        Git("/", "clone", "-q", repository, back);
        Git(back, "fsck", "--full", "--strict");
        Git(repository, "clone", "-q", repository, Mount.At(into + "-clone"));
        Git(Mount.At(into + "-clone"), "fsck", "--full");

        var expected = TreeSnapshot.Take(repository, times: false, xattrs: false, permissions: false, include: p => p != ".git" && !p.StartsWith(".git/", StringComparison.Ordinal));
        var cloned = TreeSnapshot.Take(back, times: false, xattrs: false, permissions: false, include: p => p != ".git" && !p.StartsWith(".git/", StringComparison.Ordinal));
        Assert.Equal(expected.Entries, cloned.Entries);
        Assert.Equal(
            TreeSnapshot.Take(original, times: false, xattrs: false, permissions: false, include: Tracked).Entries.Count,
            expected.Entries.Count);
        Assert.Equal(Git(repository, "rev-parse", "HEAD"), Git(Mount.At(into + "-clone"), "rev-parse", "HEAD"));
    }

    private (string Original, string Into, string Back) Prepare(string tool)
    {
        var original = Path.Combine(Mount.Root, tool + "-original");
        BuildTree(original);
        var into = fixture.NewDirectory(tool) + "/copy";
        return (original, into, Path.Combine(Mount.Root, tool + "-back"));
    }

    private void AssertCopies(string original, string into, string back)
    {
        var expected = TreeSnapshot.Take(original);
        expected.AssertSame(TreeSnapshot.Take(Mount.InSource(into)), "the copy in the source");
        expected.AssertSame(TreeSnapshot.Take(Mount.At(into)), "the copy seen through the mount");
        expected.AssertSame(TreeSnapshot.Take(back), "the copy back out of the mount");
    }

    private static string Git(string directory, params string[] arguments)
    {
        var all = new System.Collections.Generic.List<string> { "-C", directory, "-c", "user.name=FuseGen", "-c", "user.email=fusegen@example.invalid", "-c", "gc.auto=0" };
        all.AddRange(arguments);
        var result = Shell.Run("git", all, environment: new System.Collections.Generic.Dictionary<string, string> { ["GIT_CONFIG_NOSYSTEM"] = "1", ["HOME"] = directory });
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.Error}");
        return result.Output.Trim();
    }

    /// <summary>Files of several sizes and modes, odd names, links of every kind, a FIFO, xattrs and fixed times.</summary>
    private static void BuildTree(string root)
    {
        Directory.CreateDirectory(root);
        var random = new Random(20240229);
        void Write(string relative, int size, int mode)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var data = new byte[size];
            random.NextBytes(data);
            File.WriteAllBytes(path, data);
            File.SetUnixFileMode(path, (UnixFileMode)mode);
        }

        Write("docs/big.bin", (2 << 20) + 123, 0x1A4);
        Write("docs/zero", 0, 0x1A4);
        Write("bin/tool", 4096, 0x1ED);
        Write("private", 100, 0x180);
        Write("a/b/c/d/e/deep.txt", 10, 0x1A4);
        Write("name with spaces & ünïcödé.txt", 33, 0x1A4);
        Write("hard1", 500, 0x1A4);
        File.WriteAllText(Path.Combine(root, "docs/readme.txt"), "read me\n");
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        Check(linkat(AT_FDCWD, Path.Combine(root, "hard1"), AT_FDCWD, Path.Combine(root, "hard2"), 0), "link");
        Directory.CreateDirectory(Path.Combine(root, "links"));
        File.CreateSymbolicLink(Path.Combine(root, "links/relative"), "../docs/readme.txt");
        File.CreateSymbolicLink(Path.Combine(root, "links/dangling"), "/nowhere/at/all");
        File.CreateSymbolicLink(Path.Combine(root, "links/directory"), "../docs");
        Check(mknodat(AT_FDCWD, Path.Combine(root, "fifo"), 0x1000 | 0x1A4, 0), "mkfifo");
        Assert.Equal(Errno.None, SetXattr(Path.Combine(root, "docs/readme.txt"), "user.comment", Encoding.UTF8.GetBytes("kept by every tool")));
        Assert.Equal(Errno.None, SetXattr(Path.Combine(root, "docs"), "user.dir", RandomNumberGenerator.GetBytes(40)));

        // Fixed times, deepest first so that directories keep theirs.
        var when = 1_500_000_000L;
        var times = stackalloc long[4];
        foreach (var path in Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).OrderByDescending(p => p.Length))
        {
            (times[0], times[1], times[2], times[3]) = (when, 111, when, 222);
            Check(utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW), "utimensat");
            when += 1000;
        }
    }
}

internal static class CommandResultExtensions
{
    public static void ExpectSuccess(this CommandResult result) =>
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}{result.Output}");
}
