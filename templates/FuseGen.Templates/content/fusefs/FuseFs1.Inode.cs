using FuseGen;
using static System.IO.UnixFileMode;

namespace FuseFs1;

/// <summary>
/// A read-only filesystem with one file, on libfuse's inode API: the kernel names files by inode, and the
/// <see cref="InodeTable{TNode}"/> numbers the nodes and counts the kernel's lookups.
/// Run: dotnet run -- /mnt/point -f    Unmount: fusermount3 -u /mnt/point
/// </summary>
[FuseInodeFileSystem]
public sealed partial class FuseFs1
{
    private static ReadOnlySpan<byte> Text => "Hello from FuseFs1!\n"u8;

    // Times left at zero would show as 1 January 1970; the filesystem's files date from its start.
    private static readonly TimeSpec Started = TimeSpec.UtcNow;

    private readonly InodeTable<Node> nodes = new(new Node(FileType.Directory)); // the root is inode 1
    private readonly Node hello = new(FileType.Regular);

    // Entries that name a node are numbered and counted in the table; the kernel's forgets are applied to it.
    InodeTable? IFuseInodeFileSystem.Inodes => nodes;

    [Lookup]
    private Errno Lookup(Node parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        if (parent != nodes.Root || !name.SequenceEqual("hello.txt"u8))
        {
            return Errno.ENOENT;
        }

        entry = new InodeEntry(hello, Getattr(hello));
        return Errno.None;
    }

    [Getattr]
    private static Stat Getattr(Node node)
    {
        var stat = node.Type == FileType.Directory
            ? new Stat { Type = FileType.Directory, Permissions = UserRead | UserWrite | UserExecute | GroupRead | GroupExecute | OtherRead | OtherExecute, Links = 2 }
            : new Stat { Type = FileType.Regular, Permissions = UserRead | GroupRead | OtherRead, Links = 1, Size = Text.Length };
        stat.SetAllTimes(Started);
        return stat;
    }

    [Readdir]
    private void Readdir(Node directory, ref InodeDirectoryFiller entries)
    {
        // The simple form: every entry, every time; FuseGen skips those the kernel already has.
        if (directory == nodes.Root)
        {
            entries.Add("hello.txt"u8, 0, FileType.Regular);
        }
    }

    [Read]
    private static ReadOnlySpan<byte> Read(Node node, long offset) =>
        Text[(int)Math.Min(offset, Text.Length)..]; // FuseGen sends at most the size the kernel asked for

    private static int Main(string[] args) => Fuse.Main(new FuseFs1(), args);
}

/// <summary>What the filesystem keeps per inode; the table tells nodes apart by reference.</summary>
public sealed class Node(FileType type)
{
    public FileType Type { get; } = type;
}
