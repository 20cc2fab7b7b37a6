using System;
using System.IO;
using System.Linq;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>The HelloFs sample, mounted by its own process, seen through the kernel.</summary>
[Collection(MountCollection.Name)]
public sealed class HelloFsTests : MountTest
{
    private const int ENOENT = 2;
    private const int EACCES = 13;

    public HelloFsTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public void Root_lists_exactly_hello()
    {
        using var mount = MountedSample.Start("HelloFs", Output);

        var entries = Directory.GetFileSystemEntries(mount.MountPoint.Path).Select(Path.GetFileName);

        Assert.Equal(new[] { "hello" }, entries);
    }

    [MountFact]
    public void Hello_reads_hello_world()
    {
        using var mount = MountedSample.Start("HelloFs", Output);

        Assert.Equal("Hello World!\n", File.ReadAllText(mount["hello"]));
    }

    [MountFact]
    public void Hello_is_a_read_only_regular_file_of_13_bytes()
    {
        using var mount = MountedSample.Start("HelloFs", Output);
        var path = mount["hello"];

        var (stat, errno) = LibC.Stat(path);

        Assert.Equal(0, errno);
        Assert.Equal(LibC.S_IFREG, stat.Type);
        Assert.Equal(0x124u /* 0444 */, stat.Permissions);
        Assert.Equal(13, stat.Size);
        Assert.Equal(1ul, stat.Links);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
        Assert.Equal(13, new System.IO.FileInfo(path).Length);
    }

    [MountFact]
    public void Root_is_a_directory_0755_with_two_links()
    {
        using var mount = MountedSample.Start("HelloFs", Output);

        var (stat, errno) = LibC.Stat(mount.MountPoint.Path);

        Assert.Equal(0, errno);
        Assert.Equal(LibC.S_IFDIR, stat.Type);
        Assert.Equal(0x1EDu /* 0755 */, stat.Permissions);
        Assert.Equal(2ul, stat.Links);
    }

    [MountFact]
    public void Statvfs_reports_the_sample_figures()
    {
        using var mount = MountedSample.Start("HelloFs", Output);

        var (statvfs, errno) = LibC.StatVfs(mount.MountPoint.Path);

        Assert.Equal(0, errno);
        Assert.Equal(4096ul, statvfs.f_bsize);
        Assert.Equal(1ul, statvfs.f_blocks);
        Assert.Equal(255ul, statvfs.f_namemax);
    }

    [MountFact]
    public void Df_shows_the_mount()
    {
        using var mount = MountedSample.Start("HelloFs", Output);

        var df = Command.Run("df", TimeSpan.FromSeconds(10), "-P", "-k", mount.MountPoint.Path);
        Output.WriteLine(df.StandardOutput);

        Assert.Equal(0, df.ExitCode);
        var line = df.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Single();
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Filesystem 1024-blocks Used Available Capacity Mounted-on: one 4096-byte block, none free.
        Assert.Equal(new[] { "HelloFs", "4", "4", "0", "100%", mount.MountPoint.Path }, fields);
    }

    [MountFact]
    public void A_missing_path_is_not_found()
    {
        using var mount = MountedSample.Start("HelloFs", Output);
        var path = mount["missing"];

        Assert.Throws<FileNotFoundException>(() => File.ReadAllText(path));
        Assert.Equal(ENOENT, LibC.Stat(path).Errno);
    }

    [MountFact]
    public void Opening_hello_for_writing_is_refused()
    {
        using var mount = MountedSample.Start("HelloFs", Output);
        var path = mount["hello"];

        Assert.Equal(EACCES, LibC.TryOpen(path, LibC.O_WRONLY));
        Assert.Throws<UnauthorizedAccessException>(() => new FileStream(path, FileMode.Open, FileAccess.Write).Dispose());
        Assert.Equal(0, LibC.TryOpen(path, LibC.O_RDONLY));
    }

    [MountFact]
    public void Cat_prints_hello()
    {
        using var mount = MountedSample.Start("HelloFs", Output);

        var cat = Command.Run("cat", TimeSpan.FromSeconds(10), mount["hello"]);

        Assert.False(cat.TimedOut);
        Assert.Equal(0, cat.ExitCode);
        Assert.Equal("Hello World!\n", cat.StandardOutput);
        Assert.Equal("", cat.StandardError);
    }
}
