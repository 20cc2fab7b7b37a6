using System.IO;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.TestKit;

/// <summary>The package's syscall and assertion helpers, on a plain directory: what they accept and what their failures say.</summary>
public sealed class FileSystemAssertTests
{
    [Fact]
    public void Syscall_answers_the_errno_of_each_call()
    {
        using var directory = new TempDirectory("fusegen-assert");
        var file = Path.Combine(directory.Path, "file");
        var sub = Path.Combine(directory.Path, "sub");

        Assert.Equal(Errno.ENOENT, Syscall.Stat(file));
        Assert.Equal(Errno.None, Syscall.Open(file, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
        Assert.Equal(Errno.EEXIST, Syscall.Open(file, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
        Assert.Equal(Errno.ENOTDIR, Syscall.Open(file, OpenFlags.ReadOnly | OpenFlags.Directory));
        Assert.Equal(Errno.None, Syscall.Truncate(file, 3));
        Assert.Equal(3, new System.IO.FileInfo(file).Length);
        Assert.Equal(Errno.None, Syscall.Mkdir(sub));
        Assert.Equal(Errno.EEXIST, Syscall.Mkdir(sub));
        Assert.Equal(Errno.None, Syscall.Symlink("file", Path.Combine(directory.Path, "link")));
        Assert.Equal(Errno.None, Syscall.Lstat(Path.Combine(directory.Path, "link")));
        Assert.Equal(Errno.None, Syscall.Rename(file, Path.Combine(sub, "moved")));
        Assert.Equal(Errno.ENOENT, Syscall.Stat(Path.Combine(directory.Path, "link")));
        Assert.Equal(Errno.ENOTEMPTY, Syscall.Rmdir(sub));
        Assert.Equal(Errno.None, Syscall.Chmod(Path.Combine(sub, "moved"), 0x180));
        Assert.Equal(Errno.None, Syscall.Access(Path.Combine(sub, "moved"), AccessMode.Exists));
        Assert.Equal(Errno.None, Syscall.Unlink(Path.Combine(sub, "moved")));
        Assert.Equal(Errno.None, Syscall.Rmdir(sub));
    }

    [Fact]
    public void Errno_checks_name_what_was_expected_and_what_happened()
    {
        FileSystemAssert.Fails(Errno.ENOENT, Errno.ENOENT);
        FileSystemAssert.Succeeds(Errno.None);

        var wrong = Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.Fails(Errno.EACCES, Errno.ENOENT));
        Assert.Equal("expected the call to fail with EACCES (13), but it failed with ENOENT (2)", wrong.Message);
        var succeeded = Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.Fails(Errno.EACCES, Errno.None));
        Assert.Equal("expected the call to fail with EACCES (13), but it succeeded", succeeded.Message);
        var failed = Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.Succeeds(Errno.EIO));
        Assert.Equal("expected the call to succeed, but it failed with EIO (5)", failed.Message);
    }

    [Fact]
    public void Content_checks_name_the_first_difference()
    {
        using var directory = new TempDirectory("fusegen-assert");
        var file = Path.Combine(directory.Path, "file");
        File.WriteAllBytes(file, new byte[] { 1, 2, 3, 4 });

        FileSystemAssert.FileBytes(file, new byte[] { 1, 2, 3, 4 });
        var differs = Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.FileBytes(file, new byte[] { 1, 2, 9, 4 }));
        Assert.Equal($"{file}: byte 2 is 0x03, expected 0x09 (4 bytes read, 4 expected)", differs.Message);
        var shorter = Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.FileBytes(file, new byte[] { 1, 2, 3, 4, 5 }));
        Assert.Equal($"{file}: 4 bytes read, 5 expected (the first 4 agree)", shorter.Message);

        File.WriteAllText(file, "a\nb");
        FileSystemAssert.FileText(file, "a\nb");
        var text = Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.FileText(file, "a\nc"));
        Assert.Equal($"{file}: expected \"a\\nc\", read \"a\\nb\"", text.Message);
        Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.FileText(Path.Combine(directory.Path, "missing"), ""));
    }

    [Fact]
    public void Listing_check_ignores_order_and_names_missing_and_extra_entries()
    {
        using var directory = new TempDirectory("fusegen-assert");
        File.WriteAllText(Path.Combine(directory.Path, "b"), "");
        Directory.CreateDirectory(Path.Combine(directory.Path, "a"));

        FileSystemAssert.Listing(directory.Path, "b", "a");
        var wrong = Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.Listing(directory.Path, "a", "c"));
        Assert.Equal($"{directory.Path} lists [a, b], expected [a, c]; missing: c; extra: b", wrong.Message);
        Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.Listing(directory.Path, "a"));
        Assert.Throws<FileSystemAssertException>(() => FileSystemAssert.Listing(Path.Combine(directory.Path, "b"), "x"));
    }
}
