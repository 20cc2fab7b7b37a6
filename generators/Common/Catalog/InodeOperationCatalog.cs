using System;
using System.Collections.Generic;
using System.Linq;
using static FuseGen.Catalog.NativeParameters;

namespace FuseGen.Catalog;

/// <summary>
/// Every member of libfuse's <c>struct fuse_lowlevel_ops</c> in declaration order (libfuse 3.14, plus the members of
/// later versions with the version that added them): the inode API's only list of operations, as
/// <see cref="OperationCatalog"/> is the path API's. Rows are the same <see cref="OperationDescriptor"/>s, so the
/// attributes, the generator, the analyzers and the README table come from here the same way.
/// </summary>
/// <remarks>
/// A member named like a path operation shares its attribute (<c>[Read]</c>): the class's marker says which catalog
/// reads it. A second namespace of attributes would make every <c>[Read]</c> ambiguous (CS0104) in a file that imports
/// both, and every filesystem imports <c>FuseGen</c> for <c>Errno</c> and <c>Stat</c>.
/// </remarks>
/// <remarks>
/// An inode parameter comes first where libfuse has one, a handle after it: both may be any class, so the position
/// says which is which. Every member is bound; the version column sizes the table libfuse is given
/// (<see cref="MemberCount"/>, generated into the runtime).
/// </remarks>
internal static class InodeOperationCatalog
{
    /// <summary>The native name of the request every low-level callback but init and destroy receives first.</summary>
    public const string RequestParameter = "req";

    /// <summary>The native name of the inode an operation is about (getattr's, read's...; lookup's is <c>parent</c>).</summary>
    public const string InodeParameter = "ino";

    private static NativeParameter Req => new(RequestParameter, "fuse_req_t", "void*");
    private static NativeParameter Ino(string name = InodeParameter) => new(name, "fuse_ino_t", "ulong");

    private static OperationSlot S(ParameterKind kind, string name, params string[] natives) => new(kind, name, kind.Optional, natives);
    private static OperationSlot Optional(ParameterKind kind, string name, params string[] natives) => new(kind, name, optional: true, natives);
    private static OperationSlot Required(ParameterKind kind, string name, params string[] natives) => new(kind, name, optional: false, natives);

    private static OperationSlot NodeSlot => S(InodeParameterKinds.Node, "node", "ino");
    private static OperationSlot ParentSlot => S(InodeParameterKinds.Node, "parent", "parent");
    private static OperationSlot NameSlot => S(InodeParameterKinds.Name, "name", "name");
    private static OperationSlot EntrySlot => S(InodeParameterKinds.Entry, "entry");
    private static OperationSlot FileInfoSlot => S(ParameterKinds.FileInfo, "fileInfo", "fi");
    private static OperationSlot HandleSlot => S(ParameterKinds.Handle, "handle", "fi");

    private static OperationDescriptor Op(string name, string nativeName, NativeParameter[] natives, OperationSlot[] slots, ResultKind result, string summary, string whenAbsent, HandleRole handleRole = HandleRole.None, OperationTraits traits = OperationTraits.None, Version? introducedIn = null) =>
        new(name, nativeName, "void", natives, slots, result, summary, whenAbsent, handleRole, traits, introducedIn ?? V3_0);

    private static readonly Version V3_0 = new(3, 0);
    private static readonly Version V3_4 = new(3, 4);
    private static readonly Version V3_8 = new(3, 8);
    private static readonly Version V3_17 = new(3, 17);
    private static readonly Version V3_18 = new(3, 18);
    private static readonly Version V3_19 = new(3, 19);

    private const string NoSys = "libfuse answers ENOSYS.";

    /// <summary>All members in <c>struct fuse_lowlevel_ops</c> order.</summary>
    public static readonly IReadOnlyList<OperationDescriptor> All = Number(new[]
    {
        Op("Init", "init",
            new[] { Pointer("userdata", "void *"), Pointer("conn", "struct fuse_conn_info *") },
            new[] { S(ParameterKinds.PrivateData, "userdata", "userdata"), S(ParameterKinds.Connection, "connection", "conn") },
            InodeResultKinds.Lifecycle,
            "Called once when the kernel connection is set up, before any request; adjust the connection's capabilities here.",
            "Nothing happens."),
        Op("Destroy", "destroy",
            new[] { Pointer("userdata", "void *") },
            new[] { S(ParameterKinds.PrivateData, "userdata", "userdata") },
            InodeResultKinds.Lifecycle,
            "Called once when the filesystem is unmounted, after the last request.",
            "Nothing happens."),
        Op("Lookup", "lookup",
            new[] { Req, Ino("parent"), CString("name") },
            new[] { ParentSlot, NameSlot, EntrySlot },
            InodeResultKinds.Lookup,
            "Looks a name up in a directory and answers its entry: inode, generation, attributes, timeouts. Each entry replied counts a lookup the kernel later forgets.",
            "Every lookup fails with ENOSYS: nothing below the mount root can be reached.",
            traits: OperationTraits.HotPath),
        Op("Forget", "forget",
            new[] { Req, Ino(), new NativeParameter("nlookup", "uint64_t", "ulong") },
            new[] { NodeSlot, S(InodeParameterKinds.LookupCount, "count", "nlookup") },
            InodeResultKinds.Forget,
            "The kernel drops count lookups of the inode. FuseGen applies them to the inode table and answers (fuse_reply_none) whatever the method does.",
            "FuseGen applies the count to the inode table, if the filesystem has one."),
        Op("Getattr", "getattr",
            new[] { Req, Ino(), FileInfo() },
            new[] { NodeSlot, S(InodeParameterKinds.Attributes, "stat") },
            InodeResultKinds.Attributes,
            "Gets the attributes of an inode (stat).",
            "stat() fails with ENOSYS.",
            traits: OperationTraits.HotPath),
        Op("Setattr", "setattr",
            new[] { Req, Ino(), Pointer("attr", "struct stat *"), Int("to_set"), FileInfo() },
            new[] { NodeSlot, S(InodeParameterKinds.Changes, "changes", "attr", "to_set"), HandleSlot, FileInfoSlot, S(InodeParameterKinds.Attributes, "stat") },
            InodeResultKinds.Attributes,
            "Changes attributes (chmod, chown, truncate, utimens) and answers the new attributes. AttributeChanges says which change and to what (UTIME_NOW as TimeSpec.Now); the handle is the open file's when the caller changed it through one (ftruncate, fchmod), otherwise null.",
            "chmod(), chown(), truncate() and utimensat() fail with ENOSYS."),
        Op("Readlink", "readlink",
            new[] { Req, Ino() },
            new[] { NodeSlot },
            InodeResultKinds.LinkTarget,
            "Reads the target of a symbolic link.",
            "readlink() fails with ENOSYS."),
        Op("Mknod", "mknod",
            new[] { Req, Ino("parent"), CString("name"), ModeT(), new NativeParameter("rdev", "dev_t", "ulong") },
            new[] { ParentSlot, NameSlot, S(ParameterKinds.NodeType, "type", "mode"), S(ParameterKinds.Mode, "mode", "mode"), S(ParameterKinds.Device, "device", "rdev"), EntrySlot },
            InodeResultKinds.Entry,
            "Creates a file node (regular file, FIFO, socket or device) and answers its entry.",
            "mknod() fails with ENOSYS (regular files too when [Create] is absent)."),
        Op("Mkdir", "mkdir",
            new[] { Req, Ino("parent"), CString("name"), ModeT() },
            new[] { ParentSlot, NameSlot, S(ParameterKinds.Mode, "mode", "mode"), EntrySlot },
            InodeResultKinds.Entry,
            "Creates a directory and answers its entry. The mode is already masked by the caller's umask.",
            "mkdir() fails with ENOSYS."),
        Op("Unlink", "unlink",
            new[] { Req, Ino("parent"), CString("name") },
            new[] { ParentSlot, NameSlot },
            InodeResultKinds.Status,
            "Removes a file. The inode lives on until the kernel forgets it.",
            "unlink() fails with ENOSYS."),
        Op("Rmdir", "rmdir",
            new[] { Req, Ino("parent"), CString("name") },
            new[] { ParentSlot, NameSlot },
            InodeResultKinds.Status,
            "Removes an empty directory.",
            "rmdir() fails with ENOSYS."),
        Op("Symlink", "symlink",
            new[] { Req, CString("link"), Ino("parent"), CString("name") },
            new[] { ParentSlot, NameSlot, S(ParameterKinds.LinkTarget, "target", "link"), EntrySlot },
            InodeResultKinds.Entry,
            "Creates a symbolic link named name in parent, pointing to the target, and answers its entry.",
            "symlink() fails with ENOSYS."),
        Op("Rename", "rename",
            new[] { Req, Ino("parent"), CString("name"), Ino("newparent"), CString("newname"), UInt("flags") },
            new[] { ParentSlot, NameSlot, Required(InodeParameterKinds.Node, "newParent", "newparent"), S(InodeParameterKinds.NewName, "newName", "newname"), S(ParameterKinds.RenameFlags, "flags", "flags") },
            InodeResultKinds.Status,
            "Renames an entry. Answer EINVAL for flags the filesystem does not support.",
            "rename() fails with ENOSYS."),
        Op("Link", "link",
            new[] { Req, Ino(), Ino("newparent"), CString("newname") },
            new[] { NodeSlot, Required(InodeParameterKinds.Node, "newParent", "newparent"), S(InodeParameterKinds.NewName, "newName", "newname"), EntrySlot },
            InodeResultKinds.Entry,
            "Creates a hard link to the inode and answers its entry.",
            "link() fails with ENOSYS."),
        Op("Open", "open",
            new[] { Req, Ino(), FileInfo() },
            new[] { NodeSlot, FileInfoSlot },
            InodeResultKinds.Open,
            "Opens a file. Check the access mode in FileInfo.Flags; set the open flags (direct_io, keep_cache, ...) on it.",
            "Every open succeeds with file handle 0.",
            HandleRole.CreatesFile),
        Op("Read", "read",
            new[] { Req, Ino(), SizeT("size"), OffT("off"), FileInfo() },
            new[] { NodeSlot, HandleSlot, S(InodeParameterKinds.ReadBuffer, "buffer", "size"), Required(ParameterKinds.Offset, "offset", "off"), Optional(ParameterKinds.Size, "size", "size"), FileInfoSlot },
            InodeResultKinds.Read,
            "Reads data: fill the buffer (the thread's reply buffer, sent without a copy) and return the count, or return the data. The offset comes before the size: both are long.",
            "read() fails with ENOSYS.",
            traits: OperationTraits.HotPath),
        Op("Write", "write",
            new[] { Req, Ino(), CString("buf"), SizeT("size"), OffT("off"), FileInfo() },
            new[] { NodeSlot, HandleSlot, S(ParameterKinds.WriteBuffer, "data", "buf", "size"), S(ParameterKinds.Offset, "offset", "off"), FileInfoSlot },
            InodeResultKinds.Count,
            "Writes the data and returns the number of bytes written, which must be all of them unless direct_io.",
            "write() fails with ENOSYS.",
            traits: OperationTraits.HotPath),
        Op("Flush", "flush",
            new[] { Req, Ino(), FileInfo() },
            new[] { NodeSlot, HandleSlot, FileInfoSlot },
            InodeResultKinds.Status,
            "Called on each close() of a file descriptor; report write-back errors here.",
            "The kernel stops sending flush after the first ENOSYS; close() succeeds."),
        Op("Release", "release",
            new[] { Req, Ino(), FileInfo() },
            new[] { NodeSlot, HandleSlot, FileInfoSlot },
            InodeResultKinds.Status,
            "Called when the last reference to an open file goes away; FuseGen frees the handle after the method.",
            "Nothing happens; the release succeeds.",
            HandleRole.ReleasesFile),
        Op("Fsync", "fsync",
            new[] { Req, Ino(), Int("datasync"), FileInfo() },
            new[] { NodeSlot, HandleSlot, S(ParameterKinds.Datasync, "dataOnly", "datasync"), FileInfoSlot },
            InodeResultKinds.Status,
            "Flushes file data (and metadata unless dataOnly) to stable storage.",
            "The kernel stops sending fsync after the first ENOSYS; fsync() succeeds."),
        Op("Opendir", "opendir",
            new[] { Req, Ino(), FileInfo() },
            new[] { NodeSlot, FileInfoSlot },
            InodeResultKinds.Open,
            "Opens a directory for reading.",
            "Every opendir succeeds with file handle 0.",
            HandleRole.CreatesDirectory),
        Op("Readdir", "readdir",
            new[] { Req, Ino(), SizeT("size"), OffT("off"), FileInfo() },
            new[] { NodeSlot, HandleSlot, S(InodeParameterKinds.Entries, "entries", "size", "off"), FileInfoSlot },
            InodeResultKinds.Directory,
            "Lists a directory into the filler, which stops at the kernel's size and resumes from the offset.",
            "readdir() (ls) fails with ENOSYS.",
            traits: OperationTraits.HotPath | OperationTraits.DirectoryHandles),
        Op("Releasedir", "releasedir",
            new[] { Req, Ino(), FileInfo() },
            new[] { NodeSlot, HandleSlot, FileInfoSlot },
            InodeResultKinds.Status,
            "Called when a directory is closed; FuseGen frees its handle after the method.",
            "Nothing happens; the release succeeds.",
            HandleRole.ReleasesDirectory),
        Op("Fsyncdir", "fsyncdir",
            new[] { Req, Ino(), Int("datasync"), FileInfo() },
            new[] { NodeSlot, HandleSlot, S(ParameterKinds.Datasync, "dataOnly", "datasync"), FileInfoSlot },
            InodeResultKinds.Status,
            "Flushes directory contents to stable storage.",
            "The kernel stops sending fsyncdir after the first ENOSYS; fsync() on a directory succeeds.",
            traits: OperationTraits.DirectoryHandles),
        Op("Statfs", "statfs",
            new[] { Req, Ino() },
            new[] { NodeSlot },
            InodeResultKinds.Statfs,
            "Reports file system statistics (statfs, df).",
            "libfuse reports zero blocks and files, a block size of 512 and a name limit of 255."),
        Op("Setxattr", "setxattr",
            new[] { Req, Ino(), CString("name"), CString("value"), SizeT("size"), Int("flags") },
            new[] { NodeSlot, S(ParameterKinds.XattrName, "name", "name"), S(ParameterKinds.XattrValue, "value", "value", "size"), S(ParameterKinds.XattrFlags, "flags", "flags") },
            InodeResultKinds.Status,
            "Sets an extended attribute (XattrFlags.Create: EEXIST if it exists; XattrFlags.Replace: ENODATA if it does not).",
            "The kernel stops sending xattr requests after the first ENOSYS; setxattr() fails with EOPNOTSUPP."),
        Op("Getxattr", "getxattr",
            new[] { Req, Ino(), CString("name"), SizeT("size") },
            new[] { NodeSlot, S(ParameterKinds.XattrName, "name", "name"), S(InodeParameterKinds.XattrSize, "size", "size") },
            InodeResultKinds.XattrValue,
            "Gets an extended attribute value: return the bytes; FuseGen answers the kernel's size probes and ERANGE.",
            "The kernel stops sending xattr requests after the first ENOSYS; getxattr() fails with EOPNOTSUPP."),
        Op("Listxattr", "listxattr",
            new[] { Req, Ino(), SizeT("size") },
            new[] { NodeSlot, S(InodeParameterKinds.XattrSize, "size", "size") },
            InodeResultKinds.XattrNames,
            "Lists extended attribute names: return them; FuseGen encodes the list and answers size probes and ERANGE.",
            "The kernel stops sending xattr requests after the first ENOSYS; listxattr() fails with EOPNOTSUPP."),
        Op("Removexattr", "removexattr",
            new[] { Req, Ino(), CString("name") },
            new[] { NodeSlot, S(ParameterKinds.XattrName, "name", "name") },
            InodeResultKinds.Status,
            "Removes an extended attribute; ENODATA when it does not exist.",
            "The kernel stops sending xattr requests after the first ENOSYS; removexattr() fails with EOPNOTSUPP."),
        Op("Access", "access",
            new[] { Req, Ino(), Int("mask") },
            new[] { NodeSlot, S(ParameterKinds.AccessMask, "mask", "mask") },
            InodeResultKinds.Status,
            "Checks access permissions (access(), chdir()); not called with default_permissions.",
            "The kernel stops sending access after the first ENOSYS and grants it."),
        Op("Create", "create",
            new[] { Req, Ino("parent"), CString("name"), ModeT(), FileInfo() },
            new[] { ParentSlot, NameSlot, S(ParameterKinds.Mode, "mode", "mode"), FileInfoSlot, EntrySlot },
            InodeResultKinds.Create,
            "Creates and opens a regular file, answering its entry and the open file.",
            "The kernel falls back to mknod and open.",
            HandleRole.CreatesFile),
        Op("Getlk", "getlk",
            new[] { Req, Ino(), FileInfo(), Pointer("lock", "struct flock *") },
            new[] { NodeSlot, HandleSlot, FileInfoSlot, Required(InodeParameterKinds.LockQuery, "lockInfo", "lock") },
            InodeResultKinds.Lock,
            "Tests for a POSIX lock (F_GETLK): answer a lock that conflicts with the one given, or the lock with LockType.Unlock. FileInfo.LockOwner names the owner asking.",
            "The kernel handles POSIX locks locally."),
        Op("Setlk", "setlk",
            new[] { Req, Ino(), FileInfo(), Pointer("lock", "struct flock *"), Int("sleep") },
            new[] { NodeSlot, HandleSlot, FileInfoSlot, S(InodeParameterKinds.LockRequest, "lockInfo", "lock"), S(InodeParameterKinds.LockWait, "wait", "sleep") },
            InodeResultKinds.Status,
            "Takes or releases a POSIX lock (F_SETLK; F_SETLKW when wait is true): EAGAIN when it conflicts and the caller does not wait. FileInfo.LockOwner names the owner.",
            "The kernel handles POSIX locks locally."),
        Op("Bmap", "bmap",
            new[] { Req, Ino(), SizeT("blocksize"), new NativeParameter("idx", "uint64_t", "ulong") },
            new[] { NodeSlot, S(ParameterKinds.BlockSize, "blockSize", "blocksize"), S(InodeParameterKinds.BlockIndex, "index", "idx") },
            InodeResultKinds.Bmap,
            "Maps a block index in the file to a device block (only for filesystems on a block device, mounted with blkdev).",
            "FIBMAP fails with ENOSYS."),
        Op("Ioctl", "ioctl",
            new[] { Req, Ino(), UInt("cmd"), Pointer("arg", "void *"), FileInfo(), UInt("flags"), Pointer("in_buf", "const void *"), SizeT("in_bufsz"), SizeT("out_bufsz") },
            new[]
            {
                NodeSlot, HandleSlot, S(ParameterKinds.IoctlCommand, "command", "cmd"), S(ParameterKinds.IoctlArgument, "argument", "arg"), FileInfoSlot,
                S(ParameterKinds.IoctlFlags, "flags", "flags"), S(InodeParameterKinds.IoctlInput, "input", "in_buf", "in_bufsz"), S(InodeParameterKinds.IoctlOutput, "output", "out_bufsz"),
            },
            InodeResultKinds.Ioctl,
            "Handles an ioctl on an open file. Restricted ioctls only (what the kernel sends a FUSE mount): the input and output are the _IOC_SIZE(cmd) bytes of _IOW and _IOR requests.",
            "ioctl() fails with ENOTTY."),
        Op("Poll", "poll",
            new[] { Req, Ino(), FileInfo(), Pointer("ph", "struct fuse_pollhandle *") },
            new[] { NodeSlot, HandleSlot, FileInfoSlot, S(ParameterKinds.PollHandle, "pollHandle", "ph") },
            InodeResultKinds.Poll,
            "Reports which events are ready on an open file (poll, select, epoll); keep the poll handle and call Notify() when that changes, otherwise FuseGen releases it.",
            "The kernel treats the file as always ready."),
        Op("WriteBuf", "write_buf",
            new[] { Req, Ino(), Pointer("bufv", "struct fuse_bufvec *"), OffT("off"), FileInfo() },
            new[] { NodeSlot, HandleSlot, S(ParameterKinds.BufferVector, "data", "bufv"), S(ParameterKinds.Offset, "offset", "off"), FileInfoSlot },
            InodeResultKinds.Count,
            "Writes data given as a buffer vector, in memory or in a pipe (splice): move it with WriteTo(fd, position) or CopyTo(span), and return the number of bytes written.",
            "libfuse copies the data into memory and calls [Write]."),
        Op("RetrieveReply", "retrieve_reply",
            new[] { Req, Pointer("cookie", "void *"), Ino(), OffT("offset"), Pointer("bufv", "struct fuse_bufvec *") },
            new[] { NodeSlot, S(InodeParameterKinds.RetrieveCookie, "cookie", "cookie"), S(ParameterKinds.Offset, "offset", "offset"), S(ParameterKinds.BufferVector, "data", "bufv") },
            InodeResultKinds.NoReply,
            "Receives the data InodeNotifier.Retrieve asked the kernel for (its page cache from the offset), with the retrieve's cookie. FuseGen answers (fuse_reply_none) whatever the method does.",
            "Retrieved data is dropped."),
        Op("ForgetMulti", "forget_multi",
            new[] { Req, SizeT("count"), Pointer("forgets", "struct fuse_forget_data *") },
            new[] { S(InodeParameterKinds.Forgets, "forgets", "count", "forgets") },
            InodeResultKinds.ForgetMulti,
            "The kernel drops lookups of many inodes at once (BATCH_FORGET). FuseGen applies every count to the inode table and answers (fuse_reply_none) whatever the method does; without [Forget], a single forget comes here as a batch of one.",
            "libfuse calls [Forget] once per inode of the batch."),
        Op("Flock", "flock",
            new[] { Req, Ino(), FileInfo(), Int("op") },
            new[] { NodeSlot, HandleSlot, S(ParameterKinds.FlockOperation, "operation", "op"), FileInfoSlot },
            InodeResultKinds.Status,
            "Takes or releases a BSD lock (flock); only with the flock_locks connection flag.",
            "The kernel handles BSD locks locally."),
        Op("Fallocate", "fallocate",
            new[] { Req, Ino(), Int("mode"), OffT("offset"), OffT("length"), FileInfo() },
            new[] { NodeSlot, HandleSlot, S(ParameterKinds.FallocateMode, "mode", "mode"), Required(ParameterKinds.Offset, "offset", "offset"), S(ParameterKinds.Length, "length", "length"), FileInfoSlot },
            InodeResultKinds.Status,
            "Allocates or deallocates space in a file.",
            "The kernel stops sending fallocate after the first ENOSYS; fallocate() fails with EOPNOTSUPP."),
        Op("Readdirplus", "readdirplus",
            new[] { Req, Ino(), SizeT("size"), OffT("off"), FileInfo() },
            new[] { NodeSlot, HandleSlot, S(InodeParameterKinds.EntriesPlus, "entries", "size", "off"), FileInfoSlot },
            InodeResultKinds.DirectoryPlus,
            "Lists a directory with every entry's attributes (each entry counts a lookup); the filler stops at the kernel's size and resumes from the offset.",
            "The kernel uses [Readdir] and a lookup per entry.",
            traits: OperationTraits.HotPath | OperationTraits.DirectoryHandles),
        Op("CopyFileRange", "copy_file_range",
            new[] { Req, Ino("ino_in"), OffT("off_in"), FileInfo("fi_in"), Ino("ino_out"), OffT("off_out"), FileInfo("fi_out"), SizeT("len"), Int("flags") },
            new[]
            {
                S(InodeParameterKinds.Node, "nodeIn", "ino_in"), S(ParameterKinds.Handle, "handleIn", "fi_in"), Required(ParameterKinds.Offset, "offsetIn", "off_in"),
                S(InodeParameterKinds.Node, "nodeOut", "ino_out"), S(ParameterKinds.Handle, "handleOut", "fi_out"), Required(ParameterKinds.Offset, "offsetOut", "off_out"),
                S(ParameterKinds.Size, "size", "len"), S(ParameterKinds.CopyFlags, "flags", "flags"),
            },
            InodeResultKinds.Count,
            "Copies a range of data from one open file to another and returns the number of bytes copied.",
            "The kernel copies through read and write.",
            introducedIn: V3_4),
        Op("Lseek", "lseek",
            new[] { Req, Ino(), OffT("off"), Int("whence"), FileInfo() },
            new[] { NodeSlot, HandleSlot, Required(ParameterKinds.Offset, "offset", "off"), S(ParameterKinds.Whence, "whence", "whence"), FileInfoSlot },
            InodeResultKinds.Lseek,
            "Finds the next data or hole (SEEK_DATA, SEEK_HOLE) after an offset.",
            "The kernel stops sending lseek after the first ENOSYS and seeks itself.",
            introducedIn: V3_8),
        Op("Tmpfile", "tmpfile",
            new[] { Req, Ino("parent"), ModeT(), FileInfo() },
            new[] { ParentSlot, S(ParameterKinds.Mode, "mode", "mode"), FileInfoSlot, EntrySlot },
            InodeResultKinds.Create,
            "Creates and opens an unnamed file in the directory (O_TMPFILE), answering its entry and the open file.",
            "open(O_TMPFILE) fails with EOPNOTSUPP.",
            HandleRole.CreatesFile,
            introducedIn: V3_17),
        Op("Statx", "statx",
            new[] { Req, Ino(), Int("flags"), Int("mask"), FileInfo() },
            new[] { NodeSlot, S(ParameterKinds.StatxFlags, "flags", "flags"), S(ParameterKinds.StatxMask, "mask", "mask"), S(InodeParameterKinds.Statx, "statx"), HandleSlot, FileInfoSlot },
            InodeResultKinds.Statx,
            "Gets extended attributes of an inode (statx(2)), libfuse 3.18+: the kernel asks when a caller wants more than struct stat holds, such as the birth time.",
            "The kernel answers statx from [Getattr] (no birth time). libfuse before 3.18 never calls it.",
            introducedIn: V3_18),
        Op("Syncfs", "syncfs",
            new[] { Req, Ino() },
            new[] { NodeSlot },
            InodeResultKinds.Status,
            "Flushes the whole filesystem to stable storage (syncfs(2)), libfuse 3.19+. The node is the one the caller named and can usually be ignored.",
            "syncfs() succeeds: the kernel stops sending it after the first ENOSYS. The kernel sends it only to fuseblk and virtiofs mounts (Linux 6.18+), never to an ordinary FUSE mount. libfuse before 3.19 never calls it.",
            introducedIn: V3_19),
    });

    /// <summary>How many members <c>struct fuse_lowlevel_ops</c> has in a libfuse version: its size in pointers.</summary>
    public static int MemberCount(Version version) => All.Count(o => o.IntroducedIn <= version);

    private static IReadOnlyList<OperationDescriptor> Number(OperationDescriptor[] operations)
    {
        for (var i = 0; i < operations.Length; i++)
        {
            operations[i].Index = i;
        }

        return operations;
    }
}
