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
    public void StatOfAMissingNameIsENOENT() =>
        Same(Errno.ENOENT, _ => { }, at => { TryStat($"{at}/missing", out var error); return error; });

    [MountFact(AsRoot = true)]
    public void OpenOfAMissingFileIsENOENT() => Same(Errno.ENOENT, _ => { }, at => ErrnoOf(Closing(open($"{at}/missing", O_RDONLY, 0))));

    [MountFact(AsRoot = true)]
    public void UnlinkOfAMissingFileIsENOENT() => Same(Errno.ENOENT, _ => { }, at => ErrnoOf(unlinkat(AT_FDCWD, $"{at}/missing", 0)));

    [MountFact(AsRoot = true)]
    public void MkdirOverAnExistingNameIsEEXIST() =>
        Same(Errno.EEXIST, at => File.WriteAllText($"{at}/taken", ""), at => ErrnoOf(mkdirat(AT_FDCWD, $"{at}/taken", 0x1ED)));

    [MountFact(AsRoot = true)]
    public void SymlinkOverAnExistingNameIsEEXIST() =>
        Same(Errno.EEXIST, at => Directory.CreateDirectory($"{at}/taken"), at => ErrnoOf(symlinkat("x", AT_FDCWD, $"{at}/taken")));

    [MountFact(AsRoot = true)]
    public void LinkOverAnExistingNameIsEEXIST() =>
        Same(Errno.EEXIST, at => { File.WriteAllText($"{at}/a", ""); File.WriteAllText($"{at}/b", ""); }, at => ErrnoOf(linkat(AT_FDCWD, $"{at}/a", AT_FDCWD, $"{at}/b", 0)));

    [MountFact(AsRoot = true)]
    public void MknodOverAnExistingNameIsEEXIST() =>
        Same(Errno.EEXIST, at => File.WriteAllText($"{at}/taken", ""), at => ErrnoOf(mknodat(AT_FDCWD, $"{at}/taken", 0x1000 | 0x1A4, 0)));

    [MountFact(AsRoot = true)]
    public void ExclusiveCreateOfAnExistingFileIsEEXIST() =>
        Same(Errno.EEXIST, at => File.WriteAllText($"{at}/taken", ""), at => ErrnoOf(Closing(open($"{at}/taken", O_CREAT | O_EXCL | O_WRONLY, 0x1A4))));

    [MountFact(AsRoot = true)]
    public void RmdirOfANonEmptyDirectoryIsENOTEMPTY() =>
        Same(Errno.ENOTEMPTY, at => File.WriteAllText(Directory.CreateDirectory($"{at}/full").FullName + "/file", ""), at => ErrnoOf(unlinkat(AT_FDCWD, $"{at}/full", AT_REMOVEDIR)));

    [MountFact(AsRoot = true)]
    public void RenameOntoANonEmptyDirectoryIsENOTEMPTY() =>
        Same(
            Errno.ENOTEMPTY,
            at => { Directory.CreateDirectory($"{at}/empty"); File.WriteAllText(Directory.CreateDirectory($"{at}/full").FullName + "/file", ""); },
            at => ErrnoOf(renameat2(AT_FDCWD, $"{at}/empty", AT_FDCWD, $"{at}/full", 0)));

    [MountFact(AsRoot = true)]
    public void RenameOfAFileOntoADirectoryIsEISDIR() =>
        Same(Errno.EISDIR, at => { File.WriteAllText($"{at}/file", ""); Directory.CreateDirectory($"{at}/dir"); }, at => ErrnoOf(renameat2(AT_FDCWD, $"{at}/file", AT_FDCWD, $"{at}/dir", 0)));

    [MountFact(AsRoot = true)]
    public void RenameOfADirectoryOntoAFileIsENOTDIR() =>
        Same(Errno.ENOTDIR, at => { File.WriteAllText($"{at}/file", ""); Directory.CreateDirectory($"{at}/dir"); }, at => ErrnoOf(renameat2(AT_FDCWD, $"{at}/dir", AT_FDCWD, $"{at}/file", 0)));

    [MountFact(AsRoot = true)]
    public void ANameLongerThanTheSourceAllowsIsENAMETOOLONG() =>
        Same(Errno.ENAMETOOLONG, _ => { }, at => ErrnoOf(Closing(open($"{at}/{new string('n', 300)}", O_CREAT | O_WRONLY, 0x1A4))));

    [MountFact(AsRoot = true)]
    public void ReadlinkOfAFileIsEINVAL() =>
        Same(Errno.EINVAL, at => File.WriteAllText($"{at}/file", ""), at => { var buffer = stackalloc byte[64]; return ErrnoOf(readlinkat(AT_FDCWD, $"{at}/file", buffer, 64)); });

    [MountFact(AsRoot = true)]
    public void AMissingAttributeIsENODATA() =>
        Same(Errno.ENODATA, at => File.WriteAllText($"{at}/file", ""), at => GetXattr($"{at}/file", "user.missing") is null ? LastErrno : Errno.None);

    [MountFact(AsRoot = true)]
    public void SeekingForDataPastTheEndIsENXIO() =>
        Same(
            Errno.ENXIO,
            at => File.WriteAllText($"{at}/file", "abc"),
            at =>
            {
                var fd = Open($"{at}/file", O_RDONLY);
                var result = ErrnoOf(lseek(fd, 10, SEEK_DATA));
                close(fd);
                return result;
            });

    [MountFact(AsRoot = true)]
    public void ReadingAnotherUsersPrivateFileIsEACCES() =>
        Same(Errno.EACCES, at => Private($"{at}/secret", 0x180), at => (Errno)Shell.Perl(OpenForReading, asUser: true, $"{at}/secret"));

    [MountFact(AsRoot = true)]
    public void CreatingInAnotherUsersDirectoryIsEACCES() =>
        Same(Errno.EACCES, at => File.SetUnixFileMode(at, (UnixFileMode)0x1ED), at => (Errno)Shell.Perl(CreateFile, asUser: true, $"{at}/mine"));

    [MountFact(AsRoot = true)]
    public void ChangingTheModeOfAnotherUsersFileIsEPERM() =>
        Same(Errno.EPERM, at => Private($"{at}/theirs", 0x1B6), at => (Errno)Shell.Perl(ChangeMode, asUser: true, $"{at}/theirs"));

    [MountFact(AsRoot = true)]
    public void SettingTimesOnAnotherUsersFileIsEPERM() =>
        Same(Errno.EPERM, at => Private($"{at}/theirs", 0x1B6), at => (Errno)Shell.Perl(SetTimes, asUser: true, $"{at}/theirs"));

    [MountFact(AsRoot = true)]
    public void RemovingAnotherUsersFileFromAStickyDirectoryIsEPERM() =>
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
            close(fd);
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
