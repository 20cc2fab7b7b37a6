using System;
using System.Collections.Generic;
using System.Text;

namespace FuseGen.Testing.InodeApi;

/// <summary>A file or directory of <see cref="TreeInodeFs"/>.</summary>
public sealed class TreeNode
{
    private readonly Dictionary<string, TreeNode> children = new(StringComparer.Ordinal);
    private readonly List<TreeNode> ordered = new();

    public TreeNode(string name, FileType type, byte[]? content = null, TreeNode? parent = null)
    {
        Name = name;
        NameUtf8 = Encoding.UTF8.GetBytes(name);
        Type = type;
        Content = content ?? Array.Empty<byte>();
        Parent = parent;
    }

    public string Name { get; }

    public byte[] NameUtf8 { get; }

    public FileType Type { get; }

    public byte[] Content { get; }

    public TreeNode? Parent { get; }

    /// <summary>
    /// Children made on first lookup (names <c>n0</c>, <c>n1</c>, ...) and dropped when the kernel forgets them, as a
    /// filesystem over a large backing store keeps only the nodes the kernel holds.
    /// </summary>
    public bool Materializes { get; init; }

    /// <summary>Child count for listings of a materializing directory.</summary>
    public int MaterializedCount { get; init; }

    public TreeNode Add(TreeNode child)
    {
        lock (children)
        {
            children.Add(child.Name, child);
            ordered.Add(child);
        }

        return child;
    }

    public TreeNode? Find(string name)
    {
        lock (children)
        {
            if (children.TryGetValue(name, out var found))
            {
                return found;
            }

            if (Materializes && name.Length > 1 && name[0] == 'n' && int.TryParse(name.AsSpan(1), out var number) && number >= 0)
            {
                var made = new TreeNode(name, FileType.Regular, Encoding.UTF8.GetBytes($"node {number}\n"), this);
                children.Add(name, made);
                return made;
            }

            return null;
        }
    }

    /// <summary>Forgets a materialized child (the inode table released it).</summary>
    public void Drop(TreeNode child)
    {
        lock (children)
        {
            if (Materializes)
            {
                children.Remove(child.Name);
            }
        }
    }

    /// <summary>Materialized children currently held.</summary>
    public int HeldCount
    {
        get
        {
            lock (children)
            {
                return children.Count;
            }
        }
    }

    public TreeNode[] Children()
    {
        lock (children)
        {
            return ordered.ToArray();
        }
    }

    public Stat Attributes()
    {
        var stat = new Stat { Type = Type, Links = Type == FileType.Directory ? 2ul : 1ul, Size = Content.Length };
        stat.Permissions = Type == FileType.Directory
            ? System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite | System.IO.UnixFileMode.UserExecute | System.IO.UnixFileMode.GroupRead | System.IO.UnixFileMode.GroupExecute | System.IO.UnixFileMode.OtherRead | System.IO.UnixFileMode.OtherExecute
            : System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.GroupRead | System.IO.UnixFileMode.OtherRead;
        return stat;
    }
}
