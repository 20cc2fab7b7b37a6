using FuseGen.Runtime;
using Xunit;

namespace FuseGen.Tests;

/// <summary>Parsing of /proc/self/mountinfo (proc(5)).</summary>
public sealed class MountTableTests
{
    private const string MountInfo =
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n" +
        "35 22 0:45 / /mnt/with\\040space rw,nosuid,nodev,relatime shared:20 - fuse.hellofs HelloFs rw,user_id=0,group_id=0\n" +
        "36 22 0:46 / /mnt/plain rw,nosuid,nodev,relatime - fuse /dev/fuse rw,user_id=0,group_id=0\n" +
        "37 36 0:47 / /mnt/plain rw,nosuid,nodev,relatime shared:21 master:3 - fuse.other src rw\n" +
        "38 22 0:48 / /mnt/tab\\011and\\134backslash rw - fuse.x src rw\n" +
        "39 22 8:17 / /mnt/blk rw - fuseblk /dev/sdb1 rw\n" +
        "40 22 0:50 / /sys/fs/fuse/connections rw - fusectl fusectl rw\n" +
        "41 22 0:51 / /mnt/ssh rw - fuse.sshfs user@host:/a\\040b rw\n" +
        "\n" +
        "short line\n" +
        "42 22 0:52 / /mnt/odd\\x rw - tmpfs tmpfs rw\n";

    [Fact]
    public void Parses_every_complete_line()
    {
        var entries = MountTable.Parse(MountInfo);

        Assert.Equal(9, entries.Count);
        Assert.Equal(new MountInfoEntry("/", "ext4", "/dev/sda1", "8:1"), entries[0]);
        Assert.Equal(new MountInfoEntry("/mnt/with space", "fuse.hellofs", "HelloFs", "0:45"), entries[1]);
    }

    [Fact]
    public void Octal_escapes_are_decoded()
    {
        var entries = MountTable.Parse(MountInfo);

        Assert.Equal("/mnt/with space", entries[1].MountPoint);
        Assert.Equal("/mnt/tab\tand\\backslash", entries[4].MountPoint);
        Assert.Equal("user@host:/a b", entries[7].Source);
    }

    [Fact]
    public void A_backslash_without_octal_digits_is_kept()
    {
        Assert.Equal("/mnt/odd\\x", MountTable.Parse(MountInfo)[8].MountPoint);
    }

    [Theory]
    [InlineData(1, true, "hellofs")]
    [InlineData(2, true, null)]
    [InlineData(3, true, "other")]
    [InlineData(0, false, null)]
    [InlineData(5, false, null)] // fuseblk: FuseGen never mounts block-device filesystems
    [InlineData(6, false, null)] // fusectl is the control filesystem, not a FUSE mount
    public void Fuse_mounts_and_subtypes_are_recognised(int index, bool isFuse, string? subtype)
    {
        var entry = MountTable.Parse(MountInfo)[index];

        Assert.Equal(isFuse, entry.IsFuse);
        Assert.Equal(subtype, entry.Subtype);
    }

    [Theory]
    [InlineData("/mnt/with space", "45")]
    [InlineData("/mnt/plain", "47")] // two FUSE mounts stacked: the newest (last) one is visible
    [InlineData("/mnt/tab\tand\\backslash", "48")]
    [InlineData("/mnt/with\\040space", null)] // the escaped form is not a path
    [InlineData("/", null)]
    [InlineData("/sys/fs/fuse/connections", null)]
    [InlineData("/mnt/nowhere", null)]
    public void Finds_the_connection_of_a_FUSE_mount(string mountPoint, string? connection)
    {
        Assert.Equal(connection, MountTable.FindFuseConnection(mountPoint, MountInfo));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/mnt/with space", true)]
    [InlineData("/sys/fs/fuse/connections", true)]
    [InlineData("/mnt/nowhere", false)]
    [InlineData("/mnt", false)]
    public void Knows_what_is_mounted(string mountPoint, bool mounted)
    {
        Assert.Equal(mounted, MountTable.IsMounted(mountPoint, MountInfo));
    }

    [Fact]
    public void Reads_the_mount_table_of_this_process()
    {
        Assert.True(MountTable.IsMounted("/"));
        Assert.True(MountTable.IsMounted("/proc"));
        Assert.False(MountTable.IsMounted("/no/such/mount/point"));
        Assert.Null(MountTable.FindFuseConnection("/no/such/mount/point"));
    }
}
