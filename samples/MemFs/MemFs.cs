using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using FuseGen;
using MemFs.Nodes;
using MemFs.Storage;

namespace MemFs;

/// <summary>
/// A complete read-write filesystem held in memory: regular (sparse) files, directories, hard links, symbolic links,
/// FIFOs, sockets and device nodes, extended attributes, renameat2 flags, fallocate and SEEK_DATA/SEEK_HOLE, with
/// the POSIX rules for ownership, link counts and timestamps. Usage: <c>MemFs MOUNTPOINT [-f] [-d] [-s] [-o opts]</c>.
/// </summary>
/// <remarks>
/// <para>Operations are spread over partial files by area (MemFs.Attributes.cs, MemFs.Files.cs, ...). They run on
/// libfuse's worker threads (multithreaded loop) and take one lock: every operation is short and in memory.</para>
/// <para>Deliberate choices, documented where a test could tell:</para>
/// <list type="bullet">
/// <item>atime follows relatime (the Linux default): reads and listings move it only when it is not newer than
/// mtime/ctime, or a day old. Reads served from the kernel's page cache never reach the filesystem.</item>
/// <item>flock and POSIX record locks are left to the kernel (no [Lock]/[Flock]): they work between processes of
/// this machine, which is every process that can see an in-memory filesystem.</item>
/// <item>With libfuse's high-level API each path of a hard-linked file is its own kernel inode; attributes are not
/// cached (attr_timeout=0) so every name shows the current link count, size and times.</item>
/// <item>Unlinked open files: libfuse renames them to .fuse_hidden* until their last close (see <see cref="Init"/>);
/// MemFs counts that as the unlink it is, keeps the name out of listings and lets the directory be removed. Reads and
/// writes are served from the handle whatever the path.</item>
/// </list>
/// </remarks>
[FuseFileSystem]
public sealed partial class MemFs
{
    private const long TotalBytes = 16L << 30;
    private const long TotalInodes = 1L << 20;

    private readonly Lock gate = new();
    private readonly uint rootUid;
    private readonly uint rootGid;
    private Capacity capacity;
    private DirectoryNode root;
    private ulong lastInode;

    /// <summary>Creates an empty filesystem whose root belongs to the user running it.</summary>
    public MemFs()
        : this(geteuid(), getegid())
    {
    }

    /// <summary>Creates an empty filesystem whose root (mode 0755) belongs to <paramref name="uid"/>:<paramref name="gid"/>.</summary>
    public MemFs(uint uid, uint gid)
    {
        rootUid = uid;
        rootGid = gid;
        (capacity, root) = Empty();
    }

    /// <summary>The options MemFs mounts with unless the command line says otherwise.</summary>
    public static MountOptions DefaultOptions => new()
    {
        DefaultPermissions = true,
        UseIno = true,
        AttrTimeout = 0,
        EntryTimeout = 1,
        NegativeTimeout = 0,
    };

    /// <summary><c>MemFs MOUNTPOINT [options] [--metrics]</c>: with <c>--metrics</c>, request counts and latencies are printed at unmount.</summary>
    private static int Main(string[] args)
    {
        if (System.Array.IndexOf(args, "--metrics") < 0)
        {
            return Fuse.Main(new MemFs(), args, DefaultOptions);
        }

        using var statistics = new RequestStatistics();
        var status = Fuse.Main(new MemFs(), System.Array.FindAll(args, a => a != "--metrics"), DefaultOptions);
        statistics.Print(System.Console.Out);
        return status;
    }

    /// <summary>
    /// Keeps libfuse's hiding of files unlinked while open (hard_remove off, whatever the command line says). With
    /// hard_remove libfuse forgets the name at once, and since the kernel sends getattr without a file handle even
    /// for fstat(), every fstat() of an unlinked open file would fail with ESTALE in libfuse 3.14 before reaching the
    /// filesystem. Hidden files stay out of listings here (<see cref="DirectoryEntries.IsHiddenName"/>).
    /// </summary>
    [Init]
    private static void Init(FuseConfig config) => config.HardRemove = false;

    /// <summary>Unmounted: the files go (the memory can be collected); mounted again, the filesystem starts empty.</summary>
    [Destroy]
    private void Destroy()
    {
        lock (gate)
        {
            (capacity, root) = Empty();
        }
    }

    [Statfs]
    private void StatFs(ref StatVfs stat)
    {
        lock (gate)
        {
            stat.BlockSize = SparseData.PageSize;
            stat.FragmentSize = SparseData.PageSize;
            stat.Blocks = (ulong)(capacity.TotalBytes / SparseData.PageSize);
            stat.BlocksFree = (ulong)(capacity.FreeBytes / SparseData.PageSize);
            stat.BlocksAvailable = stat.BlocksFree;
            stat.Files = (ulong)capacity.TotalInodes;
            stat.FilesFree = (ulong)capacity.FreeInodes;
            stat.FilesAvailable = stat.FilesFree;
            stat.MaxNameLength = NodeName.MaxLength;
        }
    }

    /// <summary>A fresh budget and an empty root directory (inode 1).</summary>
    private (Capacity Capacity, DirectoryNode Root) Empty()
    {
        var budget = new Capacity(TotalBytes, TotalInodes);
        budget.AllocateInode();
        lastInode = 1;
        return (budget, new DirectoryNode(1, (UnixFileMode)0x1ED, rootUid, rootGid, TimeSpec.UtcNow, parent: null));
    }

    /// <summary>Takes an inode number and one inode from the budget.</summary>
    private ulong AllocateInode()
    {
        capacity.AllocateInode();
        return ++lastInode;
    }

    /// <summary>Gives a node's storage back once no name and no open handle refers to it.</summary>
    private void FreeIfUnused(Node node) => FileChanges.FreeIfUnused(node, capacity);

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc")]
    private static partial uint getegid();
}
