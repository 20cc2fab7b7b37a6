using System.IO;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// Nodes a non-root caller creates through a root daemon belong to the caller, with the caller's umask and the
/// usual group rules, exactly as in the source directory itself.
/// </summary>
public sealed class OwnershipTests : IClassFixture<MountFixture>
{
    private readonly MountFixture fixture;

    public OwnershipTests(MountFixture fixture) => this.fixture = fixture;

    private MirrorMount Mount => fixture.Mount;

    [MountFact(AsRoot = true)]
    public void Everything_a_caller_creates_belongs_to_the_caller()
    {
        var dir = fixture.NewDirectory("owner");
        Shell.Sh(
            $"cd {Mount.At(dir)}; umask 027; echo data > file; mkdir dir; ln -s file link; mkfifo fifo; ln file hard; " +
            "mv file renamed",
            asUser: true);

        foreach (var (name, mode) in new[] { ("renamed", 0x1A0u), ("dir", 0x1E8u), ("fifo", 0x1A0u), ("link", 0x1FFu) })
        {
            var status = Stat(Mount.InSource($"{dir}/{name}"));
            Assert.Equal((Shell.User, Shell.User), (status.Uid, status.Gid));
            Assert.Equal(mode, status.Mode & 0xFFFu);
            Assert.Equal(status.Uid, Stat(Mount.At($"{dir}/{name}")).Uid);
        }

        Assert.Equal(2UL, Stat(Mount.InSource($"{dir}/hard")).Links);
    }

    [MountFact(AsRoot = true)]
    public void A_setgid_directory_gives_its_group_to_new_nodes()
    {
        var dir = fixture.NewDirectory("setgid");
        Check(LibC.fchownat(LibC.AT_FDCWD, Mount.InSource(dir), 0, 2000, 0), "chown");
        Check(LibC.fchmodat(LibC.AT_FDCWD, Mount.InSource(dir), 0x5FF, 0), "chmod"); // 02777

        Shell.Sh($"cd {Mount.At(dir)}; umask 022; touch file; mkdir sub", asUser: true);
        var file = Stat(Mount.InSource($"{dir}/file"));
        var sub = Stat(Mount.InSource($"{dir}/sub"));
        Assert.Equal((Shell.User, 2000u), (file.Uid, file.Gid));
        Assert.Equal((Shell.User, 2000u), (sub.Uid, sub.Gid));
        Assert.Equal(0x5EDu, sub.Mode & 0xFFFu); // 02755: the setgid bit is inherited
        Assert.Equal(0x1A4u, file.Mode & 0xFFFu);
    }

    [MountFact(AsRoot = true)]
    public void A_caller_may_create_setuid_files_of_its_own()
    {
        var dir = fixture.NewDirectory("setuid");
        Assert.Equal(0, Shell.Perl("umask 0; sysopen(my $f, $ARGV[0], O_CREAT|O_EXCL|O_WRONLY, 04755) or exit($!+0); exit 0", asUser: true, Mount.At($"{dir}/tool")));
        var tool = Stat(Mount.InSource($"{dir}/tool"));
        Assert.Equal(Shell.User, tool.Uid);
        Assert.Equal(0x9EDu, tool.Mode & 0xFFFu); // 04755 survives the hand-over to the caller
    }

    [MountFact(AsRoot = true)]
    public void Root_callers_keep_root_ownership()
    {
        var dir = fixture.NewDirectory("root");
        File.WriteAllText(Mount.At($"{dir}/file"), "x");
        Directory.CreateDirectory(Mount.At($"{dir}/sub"));
        Assert.Equal((0u, 0u), (Stat(Mount.InSource($"{dir}/file")).Uid, Stat(Mount.InSource($"{dir}/file")).Gid));
        Assert.Equal(0u, Stat(Mount.InSource($"{dir}/sub")).Uid);
    }

    [MountFact(AsRoot = true)]
    public void The_callers_files_stay_writable_by_the_caller()
    {
        var dir = fixture.NewDirectory("writable");
        Shell.Sh($"cd {Mount.At(dir)}; umask 077; echo one > file; echo two >> file; chmod 600 file; mv file kept; cat kept > copy", asUser: true);
        Assert.Equal("one\ntwo\n", File.ReadAllText(Mount.InSource($"{dir}/copy")));
        Assert.Equal(Shell.User, Stat(Mount.InSource($"{dir}/kept")).Uid);
    }
}
