using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using FuseGen;
using MemFs.Nodes;
using MemFs.Storage;

namespace InodeMemFs;

/// <summary>
/// MemFs on the inode API: the same read-write filesystem held in memory (sparse files, directories, hard links,
/// symbolic links, FIFOs, sockets and device nodes, extended attributes, renameat2 flags, fallocate and
/// SEEK_DATA/SEEK_HOLE, POSIX ownership rules), reached by inode instead of by path. Usage:
/// <c>InodeMemFs MOUNTPOINT [-f] [-d] [-s] [-o opts]</c>.
/// </summary>
/// <remarks>
/// <para>The nodes, directory entries, sparse storage and ownership rules are MemFs's (compiled from samples/MemFs);
/// the operations are the inode API's: each names its node, and the <see cref="InodeTable{TNode}"/> gives the kernel
/// one inode per node, counting the kernel's lookups and dropping the node when the kernel forgets it.</para>
/// <para>What the inode API changes against MemFs: a hard-linked file is one kernel inode under every name; an
/// unlinked open file needs no hidden name (the kernel keeps its inode, and its storage lives until the last
/// release); there is no path to resolve, so no path lock and no ESTALE for a file whose name is gone.</para>
/// <para>One lock, as in MemFs: every operation is short and in memory.</para>
/// </remarks>
[FuseInodeFileSystem]
public sealed partial class InodeMemFs
{
    private const long TotalBytes = 16L << 30;
    private const long TotalInodes = 1L << 20;

    private readonly Lock gate = new();
    private readonly Capacity capacity = new(TotalBytes, TotalInodes);
    private readonly InodeTable<Node> nodes;
    private ulong lastInode = 1;

    /// <summary>Creates an empty filesystem whose root belongs to the user running it.</summary>
    public InodeMemFs()
        : this(geteuid(), getegid())
    {
    }

    /// <summary>Creates an empty filesystem whose root (mode 0755) belongs to <paramref name="uid"/>:<paramref name="gid"/>.</summary>
    public InodeMemFs(uint uid, uint gid)
    {
        capacity.AllocateInode();
        nodes = new InodeTable<Node>(new DirectoryNode(1, (UnixFileMode)0x1ED, uid, gid, TimeSpec.UtcNow, parent: null));
    }

    /// <summary>
    /// The options InodeMemFs mounts with unless the command line says otherwise: MemFs's. Attributes are not cached
    /// because atime (relatime) and a hard link's count change without the kernel's knowledge.
    /// </summary>
    public static MountOptions DefaultOptions => new()
    {
        DefaultPermissions = true,
        AttrTimeout = 0,
        EntryTimeout = 1,
        NegativeTimeout = 0,
    };

    /// <inheritdoc />
    InodeTable? IFuseInodeFileSystem.Inodes => nodes;

    private static int Main(string[] args) => Fuse.Main(new InodeMemFs(), args, DefaultOptions);

    [Statfs]
    private StatVfs StatFs(Node node)
    {
        lock (gate)
        {
            var free = (ulong)(capacity.FreeBytes / SparseData.PageSize);
            return new StatVfs
            {
                BlockSize = SparseData.PageSize,
                FragmentSize = SparseData.PageSize,
                Blocks = (ulong)(capacity.TotalBytes / SparseData.PageSize),
                BlocksFree = free,
                BlocksAvailable = free,
                Files = (ulong)capacity.TotalInodes,
                FilesFree = (ulong)capacity.FreeInodes,
                FilesAvailable = (ulong)capacity.FreeInodes,
                MaxNameLength = NodeName.MaxLength,
            };
        }
    }

    /// <summary>Takes an inode number (st_ino, stable for the node's life) and one inode from the budget.</summary>
    private ulong AllocateInode()
    {
        capacity.AllocateInode();
        return ++lastInode;
    }

    /// <summary>Gives a node's storage back once no name and no open handle refers to it (the kernel may still stat it).</summary>
    private void FreeIfUnused(Node node) => FileChanges.FreeIfUnused(node, capacity);

    /// <summary>The entry a lookup or a creation answers: the node (the table numbers it) and its attributes.</summary>
    private static InodeEntry EntryOf(Node node)
    {
        var stat = default(Stat);
        node.Describe(ref stat);
        return new InodeEntry(node, in stat);
    }

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc")]
    private static partial uint getegid();
}
