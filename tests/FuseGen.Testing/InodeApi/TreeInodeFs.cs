using System;
using System.Collections.Concurrent;
using System.Text;
using System.Threading;

namespace FuseGen.Testing.InodeApi;

/// <summary>
/// A read-only tree on the inode API, written as a user would write an inode filesystem: ordinary methods over nodes
/// of an <see cref="InodeTable{TNode}"/>. Its native half is generated.
/// </summary>
/// <remarks>
/// <c>/hello</c> (13 bytes), <c>/big</c> (<see cref="BigSize"/> patterned bytes), <c>/dir/f0000</c>.. (a directory
/// of <c>directorySize</c> files for paged listings), <c>/many/nN</c> (any N, made on lookup, dropped when forgotten),
/// <c>/caller</c> (its size is the caller's pid, from a FuseContext parameter), <c>/current</c> (the same from
/// <see cref="FuseContext.Current"/>), <c>/boom</c> (lookup throws).
/// </remarks>
[FuseInodeFileSystem]
public sealed partial class TreeInodeFs
{
    public const int BigSize = (1 << 20) + 17;

    public static readonly byte[] HelloText = Encoding.UTF8.GetBytes("Hello World!\n");

    private int forgets;
    private int inits;
    private int opens;
    private int releases;

    public TreeInodeFs(int directorySize = 1000)
    {
        var root = new TreeNode("", FileType.Directory);
        Nodes = new InodeTable<TreeNode>(root, released: node => node.Parent?.Drop(node));
        root.Add(new TreeNode("hello", FileType.Regular, HelloText, root));
        root.Add(new TreeNode("big", FileType.Regular, BigContent(), root));
        var dir = root.Add(new TreeNode("dir", FileType.Directory, parent: root));
        for (var i = 0; i < directorySize; i++)
        {
            dir.Add(new TreeNode($"f{i:D4}", FileType.Regular, Encoding.UTF8.GetBytes($"file {i}\n"), dir));
        }

        Many = root.Add(new TreeNode("many", FileType.Directory, parent: root) { Materializes = true });
        root.Add(new TreeNode("caller", FileType.Regular, parent: root));
        root.Add(new TreeNode("current", FileType.Regular, parent: root));
    }

    /// <summary>The inode table: FuseGen counts entries into it and applies forgets.</summary>
    public InodeTable<TreeNode> Nodes { get; }

    /// <inheritdoc />
    InodeTable? IFuseInodeFileSystem.Inodes => Nodes;

    /// <summary>The directory whose children are made on lookup.</summary>
    public TreeNode Many { get; }

    public int Forgets => Volatile.Read(ref forgets);

    public int Inits => Volatile.Read(ref inits);

    public int Opens => Volatile.Read(ref opens);

    public int Releases => Volatile.Read(ref releases);

    /// <summary>Every listing request: readdir or readdirplus, the directory, and the offset it resumed at.</summary>
    public ConcurrentQueue<(string Operation, string Directory, long Offset)> Listings { get; } = new();

    /// <summary>Which operations ran (by name), for coverage assertions.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public static byte[] BigContent()
    {
        var bytes = new byte[BigSize];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 31) + (i >> 12));
        }

        return bytes;
    }

    private void Count(string operation) => Calls.AddOrUpdate(operation, 1, static (_, n) => n + 1);

    [Init]
    private void Init()
    {
        Interlocked.Increment(ref inits);
        Count("init");
    }

    [Lookup]
    private Errno Lookup(TreeNode parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        Count("lookup");
        if (name.SequenceEqual("boom"u8))
        {
            throw new InvalidOperationException("lookup of boom");
        }

        if (parent.Type != FileType.Directory)
        {
            return Errno.ENOTDIR;
        }

        var child = parent.Find(Encoding.UTF8.GetString(name));
        if (child is null)
        {
            return Errno.ENOENT;
        }

        entry = new InodeEntry(child, child.Attributes());
        return Errno.None;
    }

    [Getattr]
    private Stat GetAttr(TreeNode node, FuseContext caller)
    {
        Count("getattr");
        var stat = node.Attributes();
        if (node.Name == "caller" && node.Parent == Nodes.Root)
        {
            stat.Size = caller.Pid;
        }

        if (node.Name == "current" && node.Parent == Nodes.Root)
        {
            // The same caller through the ambient FuseContext.Current instead of the parameter.
            stat.Size = FuseContext.Current.Pid;
        }

        return stat;
    }

    // One method for both listings: the filler says whether attributes go with the entries (IsPlus).
    [Readdirplus]
    private void ReadDirPlus(TreeNode directory, ref InodeDirectoryFiller entries) => ReadDir(directory, ref entries);

    [Readdir]
    private void ReadDir(TreeNode directory, ref InodeDirectoryFiller entries)
    {
        Count(entries.IsPlus ? "readdirplus" : "readdir");
        Listings.Enqueue((entries.IsPlus ? "readdirplus" : "readdir", directory.Name, entries.Offset));
        if (directory.Type != FileType.Directory)
        {
            throw new FuseException(Errno.ENOTDIR);
        }

        // The simple form: everything, every time; FuseGen skips to the offset and stops at the kernel's size.
        if (entries.IsPlus)
        {
            entries.Add("."u8, new InodeEntry(directory, directory.Attributes()));
            entries.Add(".."u8, new InodeEntry(directory.Parent ?? directory, (directory.Parent ?? directory).Attributes()));
        }
        else
        {
            entries.Add("."u8, Nodes.TryGetInode(directory, out var self) ? self : 0, FileType.Directory);
            entries.Add(".."u8, 0, FileType.Directory);
        }

        foreach (var child in directory.Children())
        {
            var more = entries.IsPlus
                ? entries.Add(child.NameUtf8, new InodeEntry(child, child.Attributes()))
                : entries.Add(child.NameUtf8, 0, child.Type);
            if (!more)
            {
                return;
            }
        }
    }

    [Open]
    private OpenFile Open(TreeNode node, FileInfo info)
    {
        Count("open");
        if (node.Type == FileType.Directory)
        {
            throw new FuseException(Errno.EISDIR);
        }

        if ((info.Flags & OpenFlags.AccessModeMask) != OpenFlags.ReadOnly)
        {
            throw new FuseException(Errno.EROFS);
        }

        Interlocked.Increment(ref opens);
        return new OpenFile(node);
    }

    [Read]
    private int Read(TreeNode node, OpenFile file, Span<byte> buffer, long offset)
    {
        Count("read");
        var content = file.Node.Content;
        if (offset >= content.Length)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, content.Length - offset);
        content.AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }

    [Release]
    private void Release(TreeNode node, OpenFile file)
    {
        Count("release");
        file.Released = true;
        Interlocked.Increment(ref releases);
    }

    [Forget]
    private void Forget(TreeNode node, ulong count)
    {
        Count("forget");
        Interlocked.Increment(ref forgets);
    }

    /// <summary>The typed handle open returns and read and release receive.</summary>
    public sealed class OpenFile
    {
        public OpenFile(TreeNode node) => Node = node;

        public TreeNode Node { get; }

        public bool Released { get; set; }
    }
}
