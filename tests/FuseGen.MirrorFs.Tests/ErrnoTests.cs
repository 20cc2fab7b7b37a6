using System;
using System.IO;
using static FuseGen.MirrorFs.Tests.Infrastructure.Posix;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// Failures look the same through the mount as in a plain directory: each case builds the same tree twice in the
/// source, runs the same call on one copy through the mount and on the other directly, and expects the same errno.
/// Non-root callers are other processes (<c>setpriv --reuid=1000</c>) whose exit code is the errno.
/// </summary>
public sealed unsafe class ErrnoTests : IClassFixture<MountFixture>
{
    // perl programs for another user: exit with errno (0 on success).
    private const string OpenForReading = "open(my $f, '<', $ARGV[0]) or exit($!+0); exit 0";
    private const string CreateFile = "sysopen(my $f, $ARGV[0], O_CREAT|O_EXCL|O_WRONLY, 0644) or exit($!+0); exit 0";
    private const string ChangeMode = "chmod(0777, $ARGV[0]) or exit($!+0); exit 0";
    private const string RemoveFile = "unlink($ARGV[0]) or exit($!+0); exit 0";
    private const string SetTimes = "utime(1, 1, $ARGV[0]) or exit($!+0); exit 0";

    private readonly MountFixture fixture;

    public ErrnoTests(MountFixture fixture) => this.fixture = fixture;

    private MirrorMount Mount => fixture.Mount;

    [MountFact(AsRoot = true)]
    public void Stat_of_a_missing_name_is_ENOENT() =>
        Same(Errno.ENOENT, _ => { }, at => { TryStat($"{at}/missing", out var error); return error; });

    [MountFact(AsRoot = true)]
    public void Open_of_a_missing_file_is_ENOENT() => Same(Errno.ENOENT, _ => { }, at => ErrnoOf(Closing(LibC.open($"{at}/missing", LibC.O_RDONLY, 0))));

    [MountFact(AsRoot = true)]
    public void Unlink_of_a_missing_file_is_ENOENT() => Same(Errno.ENOENT, _ => { }, at => ErrnoOf(LibC.unlinkat(LibC.AT_FDCWD, $"{at}/missing", 0)));

    [MountFact(AsRoot = true)]
    public void Mkdir_over_an_existing_name_is_EEXIST() =>
        Same(Errno.EEXIST, at => File.WriteAllText($"{at}/taken", ""), at => ErrnoOf(LibC.mkdirat(LibC.AT_FDCWD, $"{at}/taken", 0x1ED)));

    [MountFact(AsRoot = true)]
    public void Symlink_over_an_existing_name_is_EEXIST() =>
        Same(Errno.EEXIST, at => Directory.CreateDirectory($"{at}/taken"), at => ErrnoOf(LibC.symlinkat("x", LibC.AT_FDCWD, $"{at}/taken")));

    [MountFact(AsRoot = true)]
    public void Link_over_an_existing_name_is_EEXIST() =>
        Same(Errno.EEXIST, at => { File.WriteAllText($"{at}/a", ""); File.WriteAllText($"{at}/b", ""); }, at => ErrnoOf(LibC.linkat(LibC.AT_FDCWD, $"{at}/a", LibC.AT_FDCWD, $"{at}/b", 0)));

    [MountFact(AsRoot = true)]
    public void Mknod_over_an_existing_name_is_EEXIST() =>
        Same(Errno.EEXIST, at => File.WriteAllText($"{at}/taken", ""), at => ErrnoOf(LibC.mknodat(LibC.AT_FDCWD, $"{at}/taken", 0x1000 | 0x1A4, 0)));

    [MountFact(AsRoot = true)]
    public void Exclusive_create_of_an_existing_file_is_EEXIST() =>
        Same(Errno.EEXIST, at => File.WriteAllText($"{at}/taken", ""), at => ErrnoOf(Closing(LibC.open($"{at}/taken", LibC.O_CREAT | LibC.O_EXCL | LibC.O_WRONLY, 0x1A4))));

    [MountFact(AsRoot = true)]
    public void Rmdir_of_a_non_empty_directory_is_ENOTEMPTY() =>
        Same(Errno.ENOTEMPTY, at => File.WriteAllText(Directory.CreateDirectory($"{at}/full").FullName + "/file", ""), at => ErrnoOf(LibC.unlinkat(LibC.AT_FDCWD, $"{at}/full", LibC.AT_REMOVEDIR)));

    [MountFact(AsRoot = true)]
    public void Rename_onto_a_non_empty_directory_is_ENOTEMPTY() =>
        Same(
            Errno.ENOTEMPTY,
            at => { Directory.CreateDirectory($"{at}/empty"); File.WriteAllText(Directory.CreateDirectory($"{at}/full").FullName + "/file", ""); },
            at => ErrnoOf(LibC.renameat2(LibC.AT_FDCWD, $"{at}/empty", LibC.AT_FDCWD, $"{at}/full", 0)));

    [MountFact(AsRoot = true)]
    public void Rename_of_a_file_onto_a_directory_is_EISDIR() =>
        Same(Errno.EISDIR, at => { File.WriteAllText($"{at}/file", ""); Directory.CreateDirectory($"{at}/dir"); }, at => ErrnoOf(LibC.renameat2(LibC.AT_FDCWD, $"{at}/file", LibC.AT_FDCWD, $"{at}/dir", 0)));

    [MountFact(AsRoot = true)]
    public void Rename_of_a_directory_onto_a_file_is_ENOTDIR() =>
        Same(Errno.ENOTDIR, at => { File.WriteAllText($"{at}/file", ""); Directory.CreateDirectory($"{at}/dir"); }, at => ErrnoOf(LibC.renameat2(LibC.AT_FDCWD, $"{at}/dir", LibC.AT_FDCWD, $"{at}/file", 0)));

    [MountFact(AsRoot = true)]
    public void A_name_longer_than_the_source_allows_is_ENAMETOOLONG() =>
        Same(Errno.ENAMETOOLONG, _ => { }, at => ErrnoOf(Closing(LibC.open($"{at}/{new string('n', 300)}", LibC.O_CREAT | LibC.O_WRONLY, 0x1A4))));

    [MountFact(AsRoot = true)]
    public void Readlink_of_a_file_is_EINVAL() =>
        Same(Errno.EINVAL, at => File.WriteAllText($"{at}/file", ""), at => { var buffer = stackalloc byte[64]; return ErrnoOf(LibC.readlinkat(LibC.AT_FDCWD, $"{at}/file", buffer, 64)); });

    [MountFact(AsRoot = true)]
    public void A_missing_attribute_is_ENODATA() =>
        Same(Errno.ENODATA, at => File.WriteAllText($"{at}/file", ""), at => GetXattr($"{at}/file", "user.missing") is null ? LastErrno : Errno.None);

    [MountFact(AsRoot = true)]
    public void Seeking_for_data_past_the_end_is_ENXIO() =>
        Same(
            Errno.ENXIO,
            at => File.WriteAllText($"{at}/file", "abc"),
            at =>
            {
                var fd = Open($"{at}/file", LibC.O_RDONLY);
                var result = ErrnoOf(LibC.lseek(fd, 10, LibC.SEEK_DATA));
                LibC.close(fd);
                return result;
            });

    [MountFact(AsRoot = true)]
    public void Reading_another_users_private_file_is_EACCES() =>
        Same(Errno.EACCES, at => Private($"{at}/secret", 0x180), at => (Errno)Shell.Perl(OpenForReading, asUser: true, $"{at}/secret"));

    [MountFact(AsRoot = true)]
    public void Creating_in_another_users_directory_is_EACCES() =>
        Same(Errno.EACCES, at => File.SetUnixFileMode(at, (UnixFileMode)0x1ED), at => (Errno)Shell.Perl(CreateFile, asUser: true, $"{at}/mine"));

    [MountFact(AsRoot = true)]
    public void Changing_the_mode_of_another_users_file_is_EPERM() =>
        Same(Errno.EPERM, at => Private($"{at}/theirs", 0x1B6), at => (Errno)Shell.Perl(ChangeMode, asUser: true, $"{at}/theirs"));

    [MountFact(AsRoot = true)]
    public void Setting_times_on_another_users_file_is_EPERM() =>
        Same(Errno.EPERM, at => Private($"{at}/theirs", 0x1B6), at => (Errno)Shell.Perl(SetTimes, asUser: true, $"{at}/theirs"));

    [MountFact(AsRoot = true)]
    public void Removing_another_users_file_from_a_sticky_directory_is_EPERM() =>
        Same(Errno.EPERM, at => { File.SetUnixFileMode(at, (UnixFileMode)0x3FF); Private($"{at}/theirs", 0x1B6); }, at => (Errno)Shell.Perl(RemoveFile, asUser: true, $"{at}/theirs"));

    private static void Private(string path, int mode)
    {
        File.WriteAllText(path, "root's");
        File.SetUnixFileMode(path, (UnixFileMode)mode);
    }

    private static int Closing(int fd)
    {
        if (fd >= 0)
        {
            LibC.close(fd);
        }

        return fd;
    }

    /// <summary>Builds the tree twice, runs the call through the mount and directly, and expects <paramref name="expected"/> from both.</summary>
    private void Same(Errno expected, Action<string> setup, Func<string, Errno> call)
    {
        var dir = fixture.NewDirectory("errno");
        foreach (var copy in new[] { "mounted", "direct" })
        {
            var path = Mount.InSource($"{dir}/{copy}");
            Directory.CreateDirectory(path);
            File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
            setup(path);
        }

        var direct = call(Mount.InSource($"{dir}/direct"));
        var mounted = call(Mount.At($"{dir}/mounted"));
        Assert.Equal(expected, direct);
        Assert.Equal(direct, mounted);
    }
}
