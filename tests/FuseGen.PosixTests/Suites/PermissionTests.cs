using System.IO;
using FuseGen.PosixTests.Infrastructure;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Suites;

/// <summary>
/// Permissions and ownership, acting as an unprivileged user (uid/gid 1000, no supplementary groups, through
/// setpriv) against files set up by root.
/// </summary>
public sealed class PermissionTests : PosixSuite
{
    private const uint SetUid = 0x800, SetGid = 0x400, Sticky = 0x200;

    public PermissionTests(TargetPool pool)
        : base(pool)
    {
    }

    [Theory, Control, Mounted]
    public void Others_cannot_change_what_they_do_not_own(string target)
    {
        var dir = Directory(target);
        Sys.WriteFile(Path.Combine(dir, "f"), "root's"u8, 0x1A4);
        Sys.WriteFile(Path.Combine(dir, "shared"), "anyone's"u8, 0x1B6);

        Shell.RunAsUser("echo x >> f", dir).AssertFailure(Errno.EACCES);
        Shell.RunAsUser("chmod 666 f", dir).AssertFailure(Errno.EPERM);
        Shell.RunAsUser("chmod 600 shared", dir).AssertFailure(Errno.EPERM);
        Shell.RunAsUser("chown 1000 f", dir).AssertFailure(Errno.EPERM);
        Shell.RunAsUser("chgrp 1000 shared", dir).AssertFailure(Errno.EPERM);
        Shell.RunAsUser("touch f", dir).AssertFailure(Errno.EACCES);
        Shell.RunAsUser("cat f", dir).AssertSuccess();

        // Write access allows setting the times to now, only the owner may set them to anything else.
        Shell.RunAsUser("touch -d @1000000000 shared", dir).AssertFailure(Errno.EPERM);
        Shell.RunAsUser("touch shared", dir).AssertSuccess();

        var stat = Sys.Stat(Path.Combine(dir, "f"));
        Assert.Equal((0u, 0u, 0x1A4u), (stat.Uid, stat.Gid, stat.Permissions));
        Assert.Equal("root's"u8.ToArray(), Sys.ReadFile(Path.Combine(dir, "f")));
        stat = Sys.Stat(Path.Combine(dir, "shared"));
        Assert.Equal((0u, 0u, 0x1B6u), (stat.Uid, stat.Gid, stat.Permissions));
    }

    [Theory, Control, Mounted]
    public void New_nodes_belong_to_their_creator(string target)
    {
        var dir = Directory(target);
        Shell.RunAsUser("umask 022 && touch file && mkdir dir && ln -s file link && mkfifo fifo && ln file hard", dir).AssertSuccess();
        foreach (var (name, permissions) in new[] { ("file", 0x1A4u), ("dir", 0x1EDu), ("fifo", 0x1A4u), ("hard", 0x1A4u) })
        {
            var stat = Sys.Stat(Path.Combine(dir, name));
            Assert.Equal((name, Shell.User, Shell.Group, permissions), (name, stat.Uid, stat.Gid, stat.Permissions));
        }

        var link = Sys.LStat(Path.Combine(dir, "link"));
        Assert.Equal((Shell.User, Shell.Group), (link.Uid, link.Gid));
    }

    [Theory, Control, Mounted]
    public void Owners_may_change_the_group_to_their_own_but_never_give_files_away(string target)
    {
        var dir = Directory(target);
        Shell.RunAsUser("touch mine", dir).AssertSuccess();
        Sys.Chown(Path.Combine(dir, "mine"), Shell.User, 4242);
        Shell.RunAsUser("chgrp 1000 mine", dir).AssertSuccess();
        Assert.Equal(Shell.Group, Sys.Stat(Path.Combine(dir, "mine")).Gid);
        Shell.RunAsUser("chown 0 mine", dir).AssertFailure(Errno.EPERM);
        Shell.RunAsUser("chgrp 0 mine", dir).AssertFailure(Errno.EPERM);
        Shell.RunAsUser("chmod 600 mine && touch -d @1000000000 mine", dir).AssertSuccess();

        var stat = Sys.Stat(Path.Combine(dir, "mine"));
        Assert.Equal((Shell.User, Shell.Group, 0x180u), (stat.Uid, stat.Gid, stat.Permissions));
        Assert.Equal(1_000_000_000L * 1_000_000_000L, stat.ModificationTime);

        // Root may give it to anyone.
        Sys.Chown(Path.Combine(dir, "mine"), 4242, 4343);
        stat = Sys.Stat(Path.Combine(dir, "mine"));
        Assert.Equal((4242u, 4343u), (stat.Uid, stat.Gid));
    }

    [Theory, Control, Mounted]
    public void Setgid_directories_hand_their_group_down(string target)
    {
        var dir = Directory(target);
        var shared = Path.Combine(dir, "shared");
        Sys.Mkdir(shared);
        Sys.Chown(shared, 0, 4242);
        Sys.Chmod(shared, SetGid | 0x1FF);

        Shell.RunAsUser("touch shared/file && mkdir shared/sub", dir).AssertSuccess();
        var file = Sys.Stat(Path.Combine(shared, "file"));
        var sub = Sys.Stat(Path.Combine(shared, "sub"));
        Assert.Equal((Shell.User, 4242u), (file.Uid, file.Gid));
        Assert.Equal((Shell.User, 4242u), (sub.Uid, sub.Gid));
        Assert.Equal(SetGid, sub.Permissions & SetGid);
        Assert.Equal(0u, file.Permissions & SetGid);
    }

    [Theory, Control, Mounted]
    public void Sticky_directories_protect_other_users_entries(string target)
    {
        var dir = Directory(target);
        var tmp = Path.Combine(dir, "tmp");
        Sys.Mkdir(tmp);
        Sys.Chmod(tmp, Sticky | 0x1FF);
        Sys.WriteFile(Path.Combine(tmp, "roots"), "r"u8, 0x1B6);

        Shell.RunAsUser("rm -f tmp/roots", dir).AssertFailure(Errno.EPERM);
        Shell.RunAsUser("mv tmp/roots tmp/moved", dir).AssertFailure(Errno.EPERM);
        Shell.RunAsUser("echo overwrite > tmp/roots", dir).AssertSuccess();
        Shell.RunAsUser("touch tmp/mine && mv tmp/mine tmp/mine2 && rm tmp/mine2", dir).AssertSuccess();
        Assert.Equal(new[] { Path.Combine(tmp, "roots") }, System.IO.Directory.GetFileSystemEntries(tmp));

        // Root may remove anything.
        Shell.RunAsUser("touch tmp/users", dir).AssertSuccess();
        Sys.Unlink(Path.Combine(tmp, "users"));
    }

    [Theory, Control, Mounted]
    public void Writes_and_truncates_by_others_drop_setuid_and_setgid(string target)
    {
        var (posix, dir) = Setup(target);
        foreach (var name in new[] { "written", "truncated", "rootwrites", "setgid-noexec", "setgid-noexec-mygroup" })
        {
            Sys.WriteFile(Path.Combine(dir, name), "#!/bin/sh\n"u8);
            Sys.Chmod(Path.Combine(dir, name), SetUid | SetGid | 0x1FF);
        }

        // Setgid without group execute (a mandatory-locking mark) goes only when the writer is not in the group.
        Sys.Chmod(Path.Combine(dir, "setgid-noexec"), SetGid | 0x1B6);
        Sys.Chown(Path.Combine(dir, "setgid-noexec-mygroup"), 0, Shell.Group);
        Sys.Chmod(Path.Combine(dir, "setgid-noexec-mygroup"), SetGid | 0x1B6);

        Shell.RunAsUser("echo x >> written && truncate -s 1 truncated && echo x >> setgid-noexec && echo x >> setgid-noexec-mygroup", dir).AssertSuccess();
        Assert.Equal(0x1FFu, Sys.Stat(Path.Combine(dir, "written")).Permissions);
        Assert.Equal(0x1FFu, Sys.Stat(Path.Combine(dir, "truncated")).Permissions);
        Assert.Equal(posix.Traits.ForeignWritesDropNonExecutableSetgid ? 0x1B6u : SetGid | 0x1B6, Sys.Stat(Path.Combine(dir, "setgid-noexec")).Permissions);
        Assert.Equal(SetGid | 0x1B6, Sys.Stat(Path.Combine(dir, "setgid-noexec-mygroup")).Permissions);

        var fd = Sys.Open(Path.Combine(dir, "rootwrites"), LibC.O_WRONLY | LibC.O_APPEND);
        Sys.Write(fd, "echo\n"u8);
        Sys.Close(fd);
        Assert.Equal(SetUid | SetGid | 0x1FF, Sys.Stat(Path.Combine(dir, "rootwrites")).Permissions);
    }

    [Theory, Control, Mounted]
    public void Chown_drops_setuid_even_for_root(string target)
    {
        var dir = Directory(target);
        var file = Path.Combine(dir, "f");
        Sys.WriteFile(file, "x"u8);
        Sys.Chmod(file, SetUid | SetGid | 0x1ED);
        Sys.Chown(file, Shell.User, Shell.Group);
        Assert.Equal(0x1EDu, Sys.Stat(file).Permissions);

        // Directories keep setgid.
        var sub = Path.Combine(dir, "d");
        Sys.Mkdir(sub);
        Sys.Chmod(sub, SetGid | 0x1ED);
        Sys.Chown(sub, Shell.User, Shell.Group);
        Assert.Equal(SetGid | 0x1ED, Sys.Stat(sub).Permissions);
    }

    [Theory, Control, Mounted]
    public void Mode_bits_gate_access(string target)
    {
        var dir = Directory(target);
        var secret = Path.Combine(dir, "secret");
        Sys.Mkdir(secret);
        Sys.Chmod(secret, 0x1C0);
        Sys.WriteFile(Path.Combine(secret, "f"), "x"u8, 0x1B6);
        var readOnly = Path.Combine(dir, "readonly");
        Sys.Mkdir(readOnly);
        Sys.WriteFile(Path.Combine(readOnly, "f"), "x"u8, 0x1B6);

        Shell.RunAsUser("cat secret/f", dir).AssertFailure(Errno.EACCES);
        Shell.RunAsUser("ls secret", dir).AssertFailure(Errno.EACCES);
        Shell.RunAsUser("rm -f readonly/f", dir).AssertFailure(Errno.EACCES);
        Shell.RunAsUser("touch readonly/new", dir).AssertFailure(Errno.EACCES);
        Shell.RunAsUser("echo y > readonly/f && test -r readonly/f && test -w readonly/f && ! test -x readonly/f", dir).AssertSuccess();
        Assert.Equal("y\n"u8.ToArray(), Sys.ReadFile(Path.Combine(readOnly, "f")));
    }
}
