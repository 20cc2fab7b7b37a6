using System.IO;
using FuseGen;

namespace MemFs.Nodes;

/// <summary>
/// An inode: what every kind of file has (number, type, permissions, owner, times, link count, extended attributes).
/// Names live in directories, so a node with several hard links is one object reached from several entries.
/// </summary>
/// <remarks>Not thread-safe: every access happens under the filesystem's lock.</remarks>
internal abstract class Node
{
    private const UnixFileMode SetIds = UnixFileMode.SetUser | UnixFileMode.SetGroup;

    protected Node(ulong inode, FileType type, UnixFileMode permissions, uint uid, uint gid, TimeSpec now)
    {
        Inode = inode;
        Type = type;
        Permissions = permissions;
        Uid = uid;
        Gid = gid;
        AccessTime = now;
        ModificationTime = now;
        ChangeTime = now;
    }

    public ulong Inode { get; }

    public FileType Type { get; }

    /// <summary>Permission bits, including setuid, setgid and sticky.</summary>
    public UnixFileMode Permissions { get; set; }

    public uint Uid { get; set; }

    public uint Gid { get; set; }

    public TimeSpec AccessTime { get; set; }

    public TimeSpec ModificationTime { get; set; }

    public TimeSpec ChangeTime { get; set; }

    /// <summary>st_nlink.</summary>
    public abstract ulong Links { get; }

    /// <summary>True once the inode's storage went back to the budget: no name and no open handle refer to it any more.</summary>
    public bool IsFreed { get; set; }

    public ExtendedAttributes Xattrs { get; } = new();

    /// <summary>The contents changed: mtime and ctime.</summary>
    public void Modified(TimeSpec now)
    {
        ModificationTime = now;
        ChangeTime = now;
    }

    /// <summary>
    /// Access under relatime rules (the Linux default, as on the control filesystem): atime moves only when it is not
    /// newer than mtime or ctime, or is a day old.
    /// </summary>
    public void Accessed(TimeSpec now)
    {
        if (Compare(AccessTime, ModificationTime) <= 0 || Compare(AccessTime, ChangeTime) <= 0 || now.Seconds - AccessTime.Seconds >= 24 * 60 * 60)
        {
            AccessTime = now;
        }
    }

    /// <summary>
    /// Clears setuid, and setgid when group-execute is set or the caller is not in the file's group, as Linux does
    /// after a write, truncate or chown of a regular file (setgid without group-execute marks mandatory locking and
    /// stays for members of the group).
    /// </summary>
    public void DropPrivileges(bool callerInGroup)
    {
        if (Type != FileType.Regular || (Permissions & SetIds) == 0)
        {
            return;
        }

        var drop = UnixFileMode.SetUser;
        if ((Permissions & UnixFileMode.GroupExecute) != 0 || !callerInGroup)
        {
            drop |= UnixFileMode.SetGroup;
        }

        Permissions &= ~drop;
    }

    /// <summary>Fills in the attributes the kernel asks for with getattr (and readdirplus).</summary>
    public virtual void Describe(ref Stat stat)
    {
        stat.Inode = Inode;
        stat.Type = Type;
        stat.Permissions = Permissions;
        stat.Links = Links;
        stat.Uid = Uid;
        stat.Gid = Gid;
        stat.BlockSize = 4096;
        stat.Blocks = 0;
        stat.AccessTime = AccessTime;
        stat.ModificationTime = ModificationTime;
        stat.ChangeTime = ChangeTime;
    }

    private static int Compare(TimeSpec a, TimeSpec b) =>
        a.Seconds != b.Seconds ? a.Seconds.CompareTo(b.Seconds) : a.Nanoseconds.CompareTo(b.Nanoseconds);
}
