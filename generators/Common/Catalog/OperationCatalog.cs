using System;
using System.Collections.Generic;
using System.Linq;
using static FuseGen.Catalog.NativeParameters;

namespace FuseGen.Catalog;

/// <summary>
/// Every member of libfuse3's <c>struct fuse_operations</c>, in declaration order (FUSE_USE_VERSION 35, up to libfuse
/// 3.19), each with the version that added it: an older libfuse reads only the members it has (see <see cref="MemberCount"/>).
/// This table is the only list of operations in FuseGen: the attributes, the native table, the generator, the
/// analyzers and the README's operation table all come from it. Add an operation by adding a row.
/// </summary>
internal static class OperationCatalog
{

    private static OperationSlot S(ParameterKind kind, string name, params string[] natives) => new(kind, name, kind.Optional, natives);
    private static OperationSlot Required(ParameterKind kind, string name, params string[] natives) => new(kind, name, optional: false, natives);

    private static OperationSlot PathSlot => S(ParameterKinds.Path, "path", "path");
    private static OperationSlot FileInfoSlot => S(ParameterKinds.FileInfo, "fileInfo", "fi");
    private static OperationSlot HandleSlot => S(ParameterKinds.Handle, "handle", "fi");

    private static OperationDescriptor Op(string name, string nativeName, string cReturn, NativeParameter[] natives, OperationSlot[] slots, ResultKind result, string summary, string whenAbsent, HandleRole handleRole = HandleRole.None, OperationTraits traits = OperationTraits.None, Version? introducedIn = null) =>
        new(name, nativeName, cReturn, natives, slots, result, summary, whenAbsent, handleRole, traits, introducedIn ?? V3_0);

    private static readonly Version V3_0 = new(3, 0);
    private static readonly Version V3_4 = new(3, 4);
    private static readonly Version V3_8 = new(3, 8);
    private static readonly Version V3_18 = new(3, 18);
    private static readonly Version V3_19 = new(3, 19);

    private const string NoSys = "libfuse answers ENOSYS, so the system call fails with ENOSYS.";

    /// <summary>All operations in <c>struct fuse_operations</c> order.</summary>
    public static readonly IReadOnlyList<OperationDescriptor> All = Number(new[]
    {
        Op("Getattr", "getattr", "int",
            new[] { CString("path"), Pointer("stbuf", "struct stat *"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.Stat, "stat", "stbuf"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Gets file attributes (stat, lookup). The file info is present only when the kernel knows the open file.",
            "Every lookup fails with ENOSYS: nothing below the mount root can be reached.",
            traits: OperationTraits.HotPath | OperationTraits.NoLookup),
        Op("Readlink", "readlink", "int",
            new[] { CString("path"), new NativeParameter("buf", "char *", "byte*"), SizeT("size") },
            new[] { PathSlot, S(ParameterKinds.LinkBuffer, "buffer", "buf", "size") },
            ResultKinds.LinkTarget,
            "Reads the target of a symbolic link. Return the target; FuseGen truncates it to the kernel's buffer and terminates it.",
            "readlink() fails with ENOSYS."),
        Op("Mknod", "mknod", "int",
            new[] { CString("path"), ModeT(), new NativeParameter("rdev", "dev_t", "ulong") },
            new[] { PathSlot, S(ParameterKinds.NodeType, "type", "mode"), S(ParameterKinds.Mode, "mode", "mode"), S(ParameterKinds.Device, "device", "rdev") },
            ResultKinds.Status,
            "Creates a file node: regular file, FIFO, socket or device. The node belongs to the caller (FuseContext.Current).",
            "When [Create] exists libfuse uses it for regular files; otherwise mknod() fails with ENOSYS."),
        Op("Mkdir", "mkdir", "int",
            new[] { CString("path"), ModeT() },
            new[] { PathSlot, S(ParameterKinds.Mode, "mode", "mode") },
            ResultKinds.Status,
            "Creates a directory. The mode is already masked by the caller's umask; the directory belongs to the caller.",
            "mkdir() fails with ENOSYS."),
        Op("Unlink", "unlink", "int",
            new[] { CString("path") },
            new[] { PathSlot },
            ResultKinds.Status,
            "Removes a file.",
            "unlink() fails with ENOSYS."),
        Op("Rmdir", "rmdir", "int",
            new[] { CString("path") },
            new[] { PathSlot },
            ResultKinds.Status,
            "Removes an empty directory.",
            "rmdir() fails with ENOSYS."),
        Op("Symlink", "symlink", "int",
            new[] { CString("target"), CString("linkpath") },
            new[] { S(ParameterKinds.LinkTarget, "target", "target"), Required(ParameterKinds.Path, "path", "linkpath") },
            ResultKinds.Status,
            "Creates a symbolic link at the path pointing to the target.",
            "symlink() fails with ENOSYS."),
        Op("Rename", "rename", "int",
            new[] { CString("from"), CString("to"), UInt("flags") },
            new[] { Required(ParameterKinds.Path, "path", "from"), S(ParameterKinds.NewPath, "newPath", "to"), S(ParameterKinds.RenameFlags, "flags", "flags") },
            ResultKinds.Status,
            "Renames a file or directory. Answer EINVAL for flags the filesystem does not support.",
            "rename() fails with ENOSYS."),
        Op("Link", "link", "int",
            new[] { CString("from"), CString("to") },
            new[] { Required(ParameterKinds.Path, "path", "from"), S(ParameterKinds.NewPath, "newPath", "to") },
            ResultKinds.Status,
            "Creates a hard link to the file at the path.",
            "link() fails with ENOSYS."),
        Op("Chmod", "chmod", "int",
            new[] { CString("path"), ModeT(), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.Mode, "mode", "mode"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Changes permission bits. The file info is present only for fchmod().",
            "chmod() fails with ENOSYS."),
        Op("Chown", "chown", "int",
            new[] { CString("path"), new NativeParameter("uid", "uid_t", "uint"), new NativeParameter("gid", "gid_t", "uint"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.Uid, "uid", "uid"), S(ParameterKinds.Gid, "gid", "gid"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Changes owner and group; uint.MaxValue means unchanged. The file info is present only for fchown().",
            "chown() fails with ENOSYS."),
        Op("Truncate", "truncate", "int",
            new[] { CString("path"), OffT("size"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.Length, "length", "size"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Changes the size of a file. The file info is present only for ftruncate().",
            "truncate() and ftruncate() fail with ENOSYS."),
        Op("Open", "open", "int",
            new[] { CString("path"), FileInfo() },
            new[] { PathSlot, FileInfoSlot },
            ResultKinds.Open,
            "Opens a file. Check the access mode in FileInfo.Flags. O_CREAT and O_EXCL are handled before this call; O_TRUNC is not (libfuse enables atomic_o_trunc): empty the file here.",
            "Every open succeeds with file handle 0.",
            HandleRole.CreatesFile),
        Op("Read", "read", "int",
            new[] { CString("path"), new NativeParameter("buf", "char *", "byte*"), SizeT("size"), OffT("offset"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.ReadBuffer, "buffer", "buf", "size"), S(ParameterKinds.Offset, "offset", "offset"), FileInfoSlot, HandleSlot },
            ResultKinds.Count,
            "Reads data into the buffer and returns the number of bytes read; fewer than requested only at end of file (unless direct_io).",
            "read() fails with ENOSYS (libfuse calls [ReadBuf] instead when present).",
            traits: OperationTraits.HotPath),
        Op("Write", "write", "int",
            new[] { CString("path"), new NativeParameter("buf", "const char *", "byte*"), SizeT("size"), OffT("offset"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.WriteBuffer, "data", "buf", "size"), S(ParameterKinds.Offset, "offset", "offset"), FileInfoSlot, HandleSlot },
            ResultKinds.Count,
            "Writes the data and returns the number of bytes written, which must be all of them unless direct_io.",
            "write() fails with ENOSYS (libfuse calls [WriteBuf] instead when present).",
            traits: OperationTraits.HotPath),
        Op("Statfs", "statfs", "int",
            new[] { CString("path"), Pointer("stbuf", "struct statvfs *") },
            new[] { PathSlot, S(ParameterKinds.StatVfs, "stat", "stbuf") },
            ResultKinds.Status,
            "Reports file system statistics (statfs, df).",
            "libfuse reports zero blocks and files, a block size of 512 and a name limit of 255.",
            traits: OperationTraits.NoLookup),
        Op("Flush", "flush", "int",
            new[] { CString("path"), FileInfo() },
            new[] { PathSlot, FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Called on each close() of a file descriptor; report write-back errors here.",
            "The kernel stops sending flush after the first ENOSYS; close() succeeds."),
        Op("Release", "release", "int",
            new[] { CString("path"), FileInfo() },
            new[] { PathSlot, FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Called when the last reference to an open file goes away; free the file handle here. The result is ignored by the kernel.",
            "Nothing happens; the release succeeds.",
            HandleRole.ReleasesFile),
        Op("Fsync", "fsync", "int",
            new[] { CString("path"), Int("datasync"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.Datasync, "dataOnly", "datasync"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Flushes file data (and metadata unless dataOnly) to stable storage.",
            "The kernel stops sending fsync after the first ENOSYS; fsync() succeeds."),
        Op("Setxattr", "setxattr", "int",
            new[] { CString("path"), CString("name"), new NativeParameter("value", "const char *", "byte*"), SizeT("size"), Int("flags") },
            new[] { PathSlot, S(ParameterKinds.XattrName, "name", "name"), S(ParameterKinds.XattrValue, "value", "value", "size"), S(ParameterKinds.XattrFlags, "flags", "flags") },
            ResultKinds.Status,
            "Sets an extended attribute. XattrFlags.Create: fail with EEXIST if it exists; XattrFlags.Replace: fail with ENODATA if it does not. Answer EOPNOTSUPP for system.* names (here and in [Getxattr] and [Removexattr]) unless the filesystem implements POSIX ACLs: stored as plain bytes, system.posix_acl_access makes cp -a and rsync -A set modes through it instead of chmod, and the modes come out wrong.",
            "The kernel stops sending xattr requests after the first ENOSYS; setxattr() fails with EOPNOTSUPP."),
        Op("Getxattr", "getxattr", "int",
            new[] { CString("path"), CString("name"), new NativeParameter("buf", "char *", "byte*"), SizeT("size") },
            new[] { PathSlot, S(ParameterKinds.XattrName, "name", "name"), S(ParameterKinds.XattrOutput, "buffer", "buf", "size") },
            ResultKinds.XattrValue,
            "Gets an extended attribute value: return the bytes (null or ENODATA when it does not exist); FuseGen answers the kernel's size probes and ERANGE.",
            "The kernel stops sending xattr requests after the first ENOSYS; getxattr() fails with EOPNOTSUPP."),
        Op("Listxattr", "listxattr", "int",
            new[] { CString("path"), new NativeParameter("buf", "char *", "byte*"), SizeT("size") },
            new[] { PathSlot, S(ParameterKinds.XattrOutput, "buffer", "buf", "size") },
            ResultKinds.XattrNames,
            "Lists extended attribute names: return them; FuseGen encodes the NUL-separated list and answers size probes and ERANGE.",
            "The kernel stops sending xattr requests after the first ENOSYS; listxattr() fails with EOPNOTSUPP."),
        Op("Removexattr", "removexattr", "int",
            new[] { CString("path"), CString("name") },
            new[] { PathSlot, S(ParameterKinds.XattrName, "name", "name") },
            ResultKinds.Status,
            "Removes an extended attribute; ENODATA when it does not exist.",
            "The kernel stops sending xattr requests after the first ENOSYS; removexattr() fails with EOPNOTSUPP."),
        Op("Opendir", "opendir", "int",
            new[] { CString("path"), FileInfo() },
            new[] { PathSlot, FileInfoSlot },
            ResultKinds.Open,
            "Opens a directory for reading.",
            "Every opendir succeeds with file handle 0.",
            HandleRole.CreatesDirectory),
        Op("Readdir", "readdir", "int",
            new[] { CString("path"), Pointer("buf", "void *"), Pointer("filler", "fuse_fill_dir_t"), OffT("offset"), FileInfo(), Int("flags") },
            new[] { PathSlot, S(ParameterKinds.Filler, "entries", "buf", "filler", "flags"), S(ParameterKinds.Offset, "offset", "offset"), FileInfoSlot, HandleSlot, S(ParameterKinds.ReaddirFlags, "flags", "flags") },
            ResultKinds.Status,
            "Lists a directory: add every entry (offset 0 form), or resume after the given offset and stop when DirectoryFiller.Add returns false (offset form).",
            "readdir() (ls) fails with ENOSYS.",
            traits: OperationTraits.DirectoryHandles),
        Op("Releasedir", "releasedir", "int",
            new[] { CString("path"), FileInfo() },
            new[] { PathSlot, FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Called when a directory is closed; free its handle here.",
            "Nothing happens; the release succeeds.",
            HandleRole.ReleasesDirectory),
        Op("Fsyncdir", "fsyncdir", "int",
            new[] { CString("path"), Int("datasync"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.Datasync, "dataOnly", "datasync"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Flushes directory contents to stable storage.",
            "The kernel stops sending fsyncdir after the first ENOSYS; fsync() on a directory succeeds.",
            traits: OperationTraits.DirectoryHandles),
        Op("Init", "init", "void *",
            new[] { Pointer("conn", "struct fuse_conn_info *"), Pointer("cfg", "struct fuse_config *") },
            new[] { S(ParameterKinds.Connection, "connection", "conn"), S(ParameterKinds.Config, "config", "cfg") },
            ResultKinds.Init,
            "Called once when the kernel connection starts, before any other operation; adjust capabilities and configuration here.",
            "libfuse's defaults (and the MountOptions) stay in force."),
        Op("Destroy", "destroy", "void",
            new[] { Pointer("private_data", "void *") },
            new[] { S(ParameterKinds.PrivateData, "privateData", "private_data") },
            ResultKinds.Destroy,
            "Called once when the filesystem is unmounted, after the last operation.",
            "Nothing happens."),
        Op("Access", "access", "int",
            new[] { CString("path"), Int("mask") },
            new[] { PathSlot, S(ParameterKinds.AccessMask, "mode", "mask") },
            ResultKinds.Status,
            "Checks access permissions for access() and chdir(); not called with -o default_permissions.",
            "The kernel stops sending access after the first ENOSYS and allows every access() call."),
        Op("Create", "create", "int",
            new[] { CString("path"), ModeT(), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.Mode, "mode", "mode"), FileInfoSlot },
            ResultKinds.Open,
            "Creates and opens a regular file in one step. The file belongs to the caller (FuseContext.Current).",
            "The kernel falls back to mknod followed by open.",
            HandleRole.CreatesFile),
        Op("Lock", "lock", "int",
            new[] { CString("path"), FileInfo(), Int("cmd"), Pointer("lockp", "struct flock *") },
            new[] { PathSlot, FileInfoSlot, HandleSlot, S(ParameterKinds.LockCommand, "command", "cmd"), S(ParameterKinds.LockDescription, "lockInfo", "lockp") },
            ResultKinds.Status,
            "POSIX record locking (fcntl F_GETLK, F_SETLK, F_SETLKW).",
            "The kernel keeps POSIX locks locally: they work between processes on this machine only."),
        Op("Utimens", "utimens", "int",
            new[] { CString("path"), Pointer("tv", "const struct timespec *"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.AccessTime, "accessTime", "tv"), S(ParameterKinds.ModificationTime, "modificationTime", "tv"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Changes access and modification times; either may be TimeSpec.Now or TimeSpec.Omit.",
            "utime() and touch on an existing file fail with ENOSYS."),
        Op("Bmap", "bmap", "int",
            new[] { CString("path"), SizeT("blocksize"), new NativeParameter("idx", "uint64_t *", "ulong*") },
            new[] { PathSlot, S(ParameterKinds.BlockSize, "blockSize", "blocksize"), S(ParameterKinds.BlockIndex, "index", "idx") },
            ResultKinds.Status,
            "Maps a file block to a device block; only for block-device backed (fuseblk) mounts.",
            "FIBMAP fails with ENOSYS. The kernel never sends bmap to ordinary (non-fuseblk) mounts."),
        Op("Ioctl", "ioctl", "int",
            new[] { CString("path"), UInt("cmd"), Pointer("arg", "void *"), FileInfo(), UInt("flags"), Pointer("data", "void *") },
            new[] { PathSlot, S(ParameterKinds.IoctlCommand, "command", "cmd"), S(ParameterKinds.IoctlArgument, "argument", "arg"), FileInfoSlot, HandleSlot, S(ParameterKinds.IoctlFlags, "flags", "flags"), S(ParameterKinds.IoctlData, "data", "data", "cmd") },
            ResultKinds.Status,
            "Handles an ioctl() on an open file.",
            "ioctl() fails with ENOSYS (ENOTTY for some requests the kernel answers itself)."),
        Op("Poll", "poll", "int",
            new[] { CString("path"), FileInfo(), Pointer("ph", "struct fuse_pollhandle *"), new NativeParameter("reventsp", "unsigned *", "uint*") },
            new[] { PathSlot, FileInfoSlot, HandleSlot, S(ParameterKinds.PollHandle, "pollHandle", "ph"), S(ParameterKinds.PollEvents, "events", "reventsp") },
            ResultKinds.Status,
            "Reports readiness for poll()/select()/epoll; keep the poll handle to notify later.",
            "The kernel stops sending poll after the first ENOSYS and reports the file always ready."),
        Op("WriteBuf", "write_buf", "int",
            new[] { CString("path"), Pointer("buf", "struct fuse_bufvec *"), OffT("off"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.BufferVector, "data", "buf"), S(ParameterKinds.Offset, "offset", "off"), FileInfoSlot, HandleSlot },
            ResultKinds.Count,
            "Writes from a buffer vector (may hold a pipe for splice); for zero-copy pass-through filesystems.",
            "libfuse copies the data into one buffer and calls [Write]."),
        Op("ReadBuf", "read_buf", "int",
            new[] { CString("path"), Pointer("bufp", "struct fuse_bufvec **"), SizeT("size"), OffT("off"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.BufferReply, "reply", "bufp"), S(ParameterKinds.Size, "size", "size"), S(ParameterKinds.Offset, "offset", "off"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Reads into a buffer vector that may refer to a file descriptor; for zero-copy pass-through filesystems.",
            "libfuse calls [Read]."),
        Op("Flock", "flock", "int",
            new[] { CString("path"), FileInfo(), Int("op") },
            new[] { PathSlot, FileInfoSlot, HandleSlot, S(ParameterKinds.FlockOperation, "operation", "op") },
            ResultKinds.Status,
            "BSD file locking (flock()).",
            "The kernel keeps flock locks locally: they work between processes on this machine only."),
        Op("Fallocate", "fallocate", "int",
            new[] { CString("path"), Int("mode"), OffT("offset"), OffT("length"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.FallocateMode, "mode", "mode"), S(ParameterKinds.Offset, "offset", "offset"), S(ParameterKinds.Length, "length", "length"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Allocates or deallocates space (fallocate(): preallocation, FALLOC_FL_PUNCH_HOLE, ...).",
            "The kernel stops sending fallocate after the first ENOSYS; fallocate() fails with EOPNOTSUPP."),
        Op("CopyFileRange", "copy_file_range", "ssize_t",
            new[] { CString("path_in"), FileInfo("fi_in"), OffT("offset_in"), CString("path_out"), FileInfo("fi_out"), OffT("offset_out"), SizeT("size"), Int("flags") },
            new[]
            {
                Required(ParameterKinds.Path, "pathIn", "path_in"), S(ParameterKinds.FileInfo, "fileInfoIn", "fi_in"), S(ParameterKinds.Handle, "handleIn", "fi_in"), Required(ParameterKinds.Offset, "offsetIn", "offset_in"),
                S(ParameterKinds.NewPath, "pathOut", "path_out"), S(ParameterKinds.FileInfo, "fileInfoOut", "fi_out"), S(ParameterKinds.Handle, "handleOut", "fi_out"), Required(ParameterKinds.Offset, "offsetOut", "offset_out"),
                S(ParameterKinds.Size, "size", "size"), S(ParameterKinds.CopyFlags, "flags", "flags"),
            },
            ResultKinds.ByteCount64,
            "Copies a range between two open files of this filesystem without passing the data through user space.",
            "The kernel stops sending copy_file_range after the first ENOSYS and copies with reads and writes.",
            introducedIn: V3_4),
        Op("Lseek", "lseek", "off_t",
            new[] { CString("path"), OffT("off"), Int("whence"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.Offset, "offset", "off"), S(ParameterKinds.Whence, "whence", "whence"), FileInfoSlot, HandleSlot },
            ResultKinds.Offset,
            "Finds data or holes (SEEK_DATA, SEEK_HOLE); other whence values are handled by the kernel.",
            "The kernel stops sending lseek after the first ENOSYS and treats the whole file as data.",
            introducedIn: V3_8),
        Op("Statx", "statx", "int",
            new[] { CString("path"), Int("flags"), Int("mask"), Pointer("stxbuf", "struct statx *"), FileInfo() },
            new[] { PathSlot, S(ParameterKinds.StatxFlags, "flags", "flags"), S(ParameterKinds.StatxMask, "mask", "mask"), S(ParameterKinds.Statx, "statx", "stxbuf"), FileInfoSlot, HandleSlot },
            ResultKinds.Status,
            "Gets extended attributes (statx(2)), libfuse 3.18+: the kernel asks when a caller wants more than struct stat holds, such as the birth time. Fill every basic field (Statx.SetBasicStats) and add the rest; the path is empty when the open file has none (StatxFlags.EmptyPath).",
            "libfuse answers ENOSYS; the kernel then stops sending statx and answers stat() and statx() from [Getattr] (no birth time). libfuse before 3.18 never calls it: FuseGen says so once at mount.",
            introducedIn: V3_18),
        Op("Syncfs", "syncfs", "int",
            new[] { CString("path") },
            new[] { PathSlot },
            ResultKinds.Status,
            "Flushes the whole filesystem to stable storage (syncfs(2)), libfuse 3.19+. The path names a file in the filesystem (\"/\" when there is none) and can usually be ignored.",
            "syncfs() succeeds: the kernel stops sending it after the first ENOSYS. The kernel sends it only to fuseblk and virtiofs mounts (Linux 6.18+), never to an ordinary FUSE mount. libfuse before 3.19 never calls it: FuseGen says so once at mount.",
            traits: OperationTraits.NoLookup,
            introducedIn: V3_19),
    });

    /// <summary>
    /// Members libfuse declares after the last one FuseGen binds, in declaration order (none today: statx and syncfs
    /// were the last). Nothing binds them, but a libfuse that has them reads a table this long, so they count in
    /// <see cref="MemberCount"/>.
    /// </summary>
    public static readonly IReadOnlyList<UnboundMember> Unbound = Array.Empty<UnboundMember>();

    /// <summary>Every member of <c>struct fuse_operations</c>, bound or not, with the libfuse version that introduced it.</summary>
    public static IEnumerable<(string NativeName, Version IntroducedIn)> Members =>
        All.Select(o => (o.NativeName, o.IntroducedIn)).Concat(Unbound.Select(m => (m.NativeName, m.IntroducedIn)));

    /// <summary>How many members <c>struct fuse_operations</c> has in a libfuse version: its size in pointers.</summary>
    public static int MemberCount(Version version) => Members.Count(m => m.IntroducedIn <= version);

    /// <summary>Finds an operation by its PascalCase name.</summary>
    public static OperationDescriptor? Find(string name) => All.FirstOrDefault(o => o.Name == name);

    /// <summary>Finds an operation by the metadata name of its attribute (<c>FuseGen.GetattrAttribute</c>).</summary>
    public static OperationDescriptor? FindByAttribute(string metadataName) => All.FirstOrDefault(o => o.AttributeMetadataName == metadataName);

    /// <summary>Finds a parameter shape by id.</summary>
    public static ManagedShape? FindShape(OperationDescriptor operation, string shapeId) =>
        operation.Slots.SelectMany(s => s.Kind.Shapes).FirstOrDefault(s => s.Id == shapeId);

    /// <summary>Finds a return shape by id.</summary>
    public static ReturnShape? FindReturnShape(OperationDescriptor operation, string shapeId) =>
        operation.Result.Shapes.FirstOrDefault(s => s.Id == shapeId);

    private static IReadOnlyList<OperationDescriptor> Number(OperationDescriptor[] operations)
    {
        for (var i = 0; i < operations.Length; i++)
        {
            operations[i].Index = i;
        }

        return operations;
    }
}
