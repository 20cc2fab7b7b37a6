using System;
using Names = FuseGen.Catalog.RuntimeNames;

namespace FuseGen.Catalog;

/// <summary>Every kind of managed parameter an operation can take, with its accepted shapes and conversions.</summary>
/// <remarks>
/// Conversions call into <c>FuseGen.Marshalling</c> (<see cref="RuntimeNames"/>), the runtime's API for generated code. Shapes are listed
/// canonical first; the canonical shape is the zero-copy one where there is a choice.
/// </remarks>
internal static class ParameterKinds
{
    // The holes of the templates below: the slot's native parameters by position, the argument's local, ...
    private static readonly CodeHole N0 = CodeHole.Native(0);
    private static readonly CodeHole N1 = CodeHole.Native(1);
    private static readonly CodeHole N2 = CodeHole.Native(2);
    private static readonly CodeHole Local = CodeHole.Local;
    private static readonly CodeHole HandleType = CodeHole.HandleType;
    private static readonly CodeHole Request = CodeHole.Request;

    internal static ManagedShape[] Text(string id) => new[]
    {
        new ManagedShape(id + ".span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", ManagedRefKind.None, $"{Names.NativeText.AsSpan}({N0})"),
        new ManagedShape(id + ".string", "string", "string", ManagedRefKind.None, $"{Names.NativeText.ToString}({N0})"),
    };

    private static ManagedShape Value(string id, string type, string display, FormattableString? argument = null) =>
        new(id, type, display, ManagedRefKind.None, argument ?? $"{N0}");

    // A flag set or command word libfuse passes as a plain integer: its enum first, the raw integer for code that
    // already holds the C constants. Both are the same bits; the enum only names them.
    private static ManagedShape[] EnumOrInteger(string kind, string enumType, string display, string integer = "int", string widening = "") => new[]
    {
        Value(kind + ".enum", enumType, display, $"({enumType}){widening}{N0}"),
        Value(kind + "." + integer, integer, integer),
    };

    private static ManagedShape[] OutStruct(string id, string type, string display, string writer) => new[]
    {
        new ManagedShape(id + ".ref", type, display, ManagedRefKind.Ref, $"ref {Local}", $"var {Local} = default({type});", $"{writer}(in {Local}, {N0});"),
        new ManagedShape(id + ".out", type, display, ManagedRefKind.Out, $"out {Local}", $"{type} {Local};", $"{writer}(in {Local}, {N0});"),
    };

    public static readonly ParameterKind Path = new("path", "path of the file, UTF-8, relative to the mount root and starting with '/'", optional: true, Text("path"));

    public static readonly ParameterKind NewPath = new("newpath", "second path (destination of rename and link, target of copy_file_range)", optional: false, Text("newpath"));

    public static readonly ParameterKind LinkTarget = new("target", "contents of a new symbolic link", optional: false, Text("target"));

    public static readonly ParameterKind XattrName = new("xattr-name", "extended attribute name", optional: false, Text("xattr-name"));

    public static readonly ParameterKind Stat = new("stat", "attributes to fill in", optional: false,
        OutStruct("stat", Names.Types.Stat, "Stat", Names.NativeStat.Write));

    public static readonly ParameterKind StatVfs = new("statvfs", "file system statistics to fill in", optional: false,
        OutStruct("statvfs", Names.Types.StatVfs, "StatVfs", Names.NativeStatVfs.Write));

    // A view over libfuse's fuse_file_info, which lives on the worker's stack: synchronous methods only.
    public static readonly ParameterKind FileInfo = new("fileinfo", "open-file information (flags, handle, caching hints)", optional: true,
        new ManagedShape("fileinfo.ref", Names.FileInfo.Type, "FileInfo", ManagedRefKind.Ref, $"ref {Local}", $"var {Local} = {Names.FileInfo.FromNative}({N0});", form: MethodForm.Synchronous),
        new ManagedShape("fileinfo.value", Names.FileInfo.Type, "FileInfo", ManagedRefKind.None, $"{Names.FileInfo.FromNative}({N0})", form: MethodForm.Synchronous),
        new ManagedShape("fileinfo.kept", Names.FileInfo.Type, "FileInfo", ManagedRefKind.None, $"{Names.FileInfo.FromNative}({CodeHole.PendingFileInfo})", form: MethodForm.Asynchronous));

    public static readonly ParameterKind Handle = new("handle", "the object [Open], [Create] or [Opendir] returned for this file (null when there is none)", optional: true,
        new ManagedShape("handle.object", ManagedShape.AnyHandleType, "THandle", ManagedRefKind.None, $"{Request}.{Names.FuseRequest.Handle}<{HandleType}>({N0})!"));

    public static readonly ParameterKind ReadBuffer = new("read-buffer", "buffer to fill, over libfuse's memory (no copy)", optional: false,
        Value("read-buffer.span", "global::System.Span<byte>", "Span<byte>", $"{Names.NativeBuffer.AsSpan}({N0}, {N1})"));

    public static readonly ParameterKind WriteBuffer = new("write-buffer", "data to store, over libfuse's memory (no copy)", optional: false,
        Value("write-buffer.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", $"{Names.NativeBuffer.AsReadOnlySpan}({N0}, {N1})"));

    public static readonly ParameterKind LinkBuffer = new("link-buffer", "buffer for the link target; return the number of bytes written", optional: true,
        Value("link-buffer.span", "global::System.Span<byte>", "Span<byte>", $"{Names.NativeText.LinkBuffer}({N0}, {N1})"));

    public static readonly ParameterKind XattrValue = new("xattr-value", "extended attribute value", optional: false,
        Value("xattr-value.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", $"{Names.NativeBuffer.AsReadOnlySpan}({N0}, {N1})"));

    public static readonly ParameterKind Offset = new("offset", "byte offset in the file", optional: true, Value("offset.long", "long", "long"));

    public static readonly ParameterKind Length = new("length", "length in bytes", optional: false, Value("length.long", "long", "long", $"checked((long){N0})"));

    public static readonly ParameterKind Mode = new("mode", "permission bits (UnixFileMode) or the raw st_mode (uint)", optional: true,
        Value("mode.permissions", "global::System.IO.UnixFileMode", "UnixFileMode", $"(global::System.IO.UnixFileMode)({N0} & 0xFFFu)"),
        Value("mode.raw", "uint", "uint"));

    public static readonly ParameterKind NodeType = new("node-type", "type of node to create, from st_mode", optional: true,
        Value("node-type.enum", Names.Types.FileType, "FileType", $"({Names.Types.FileType})({N0} & 0xF000u)"));

    public static readonly ParameterKind Device = new("device", "device number for character and block devices", optional: true, Value("device.ulong", "ulong", "ulong"));

    public static readonly ParameterKind Uid = new("uid", "new owner (uint.MaxValue: leave unchanged)", optional: false, Value("uid.uint", "uint", "uint"));

    public static readonly ParameterKind Gid = new("gid", "new group (uint.MaxValue: leave unchanged)", optional: false, Value("gid.uint", "uint", "uint"));

    public static readonly ParameterKind RenameFlags = new("rename-flags", "RENAME_NOREPLACE / RENAME_EXCHANGE", optional: true,
        EnumOrInteger("rename-flags", Names.Types.RenameFlags, "RenameFlags", "uint"));

    public static readonly ParameterKind Datasync = new("datasync", "true to flush only the data, not the metadata", optional: true,
        Value("datasync.bool", "bool", "bool", $"{N0} != 0"));

    public static readonly ParameterKind XattrFlags = new("xattr-flags", "XATTR_CREATE / XATTR_REPLACE", optional: true,
        EnumOrInteger("xattr-flags", Names.Types.XattrFlags, "XattrFlags"));

    public static readonly ParameterKind Filler = new("filler", "where directory entries go", optional: false,
        new ManagedShape("filler.ref", Names.DirectoryFiller.Type, "DirectoryFiller", ManagedRefKind.Ref, $"ref {Local}", $"var {Local} = {Names.DirectoryFiller.FromNative}({N0}, {N1}, {N2});"),
        new ManagedShape("filler.value", Names.DirectoryFiller.Type, "DirectoryFiller", ManagedRefKind.None, $"{Names.DirectoryFiller.FromNative}({N0}, {N1}, {N2})"));

    public static readonly ParameterKind ReaddirFlags = new("readdir-flags", "FUSE_READDIR_PLUS when the kernel wants attributes too", optional: true,
        Value("readdir-flags.enum", Names.Types.ReaddirFlags, "ReaddirFlags", $"({Names.Types.ReaddirFlags}){N0}"));

    public static readonly ParameterKind AccessMask = new("access-mask", "R_OK / W_OK / X_OK, or F_OK (0) for existence", optional: true,
        EnumOrInteger("access-mask", Names.Types.AccessMode, "AccessMode"));

    public static readonly ParameterKind Connection = new("connection", "kernel connection capabilities and limits", optional: true,
        Value("connection.value", Names.FuseConnectionInfo.Type, "FuseConnectionInfo", $"{Names.FuseConnectionInfo.FromNative}({N0})"));

    public static readonly ParameterKind Config = new("config", "high-level configuration (timeouts, use_ino, ...)", optional: true,
        Value("config.value", Names.FuseConfig.Type, "FuseConfig", $"{Names.FuseConfig.FromNative}({N0})"));

    public static readonly ParameterKind PrivateData = new("private-data", "FuseGen's own state; never passed to user code", optional: true);

    public static readonly ParameterKind AccessTime = new("atime", "new access time (may be TimeSpec.Now or TimeSpec.Omit)", optional: false,
        Value("atime.timespec", Names.Types.TimeSpec, "TimeSpec", $"{Names.NativeTime.Read}({N0}, 0)"));

    public static readonly ParameterKind ModificationTime = new("mtime", "new modification time (may be TimeSpec.Now or TimeSpec.Omit)", optional: false,
        Value("mtime.timespec", Names.Types.TimeSpec, "TimeSpec", $"{Names.NativeTime.Read}({N0}, 1)"));

    public static readonly ParameterKind FlockOperation = new("flock-op", "LOCK_SH / LOCK_EX / LOCK_UN, optionally | LOCK_NB", optional: false,
        EnumOrInteger("flock-op", Names.Types.FlockOperation, "FlockOperation"));

    public static readonly ParameterKind FallocateMode = new("fallocate-mode", "FALLOC_FL_* flags; 0 allocates and may extend the file", optional: true,
        EnumOrInteger("fallocate-mode", Names.Types.FallocateMode, "FallocateMode"));

    public static readonly ParameterKind Whence = new("whence", "SEEK_SET / SEEK_CUR / SEEK_END / SEEK_DATA / SEEK_HOLE", optional: false,
        EnumOrInteger("whence", Names.Types.Whence, "Whence"));

    public static readonly ParameterKind CopyFlags = new("copy-flags", "copy_file_range flags (currently always 0)", optional: true,
        Value("copy-flags.int", "int", "int"));

    public static readonly ParameterKind BlockSize = new("block-size", "block size of the mapping", optional: true,
        Value("block-size.long", "long", "long", $"checked((long){N0})"));

    public static readonly ParameterKind BlockIndex = new("block-index", "block index in the file; set it to the device block", optional: false,
        new ManagedShape("block-index.ref", "ulong", "ulong", ManagedRefKind.Ref, $"ref *{N0}"));

    public static readonly ParameterKind XattrOutput = new("xattr-output", "the kernel's buffer; empty when it only asks for the size. Return the length needed, -ERANGE when too small", optional: true,
        Value("xattr-output.span", "global::System.Span<byte>", "Span<byte>", $"{Names.NativeBuffer.AsSpan}({N0}, {N1})"));

    public static readonly ParameterKind Size = new("size", "number of bytes requested", optional: false,
        Value("size.long", "long", "long", $"checked((long){N0})"));

    public static readonly ParameterKind LockCommand = new("lock-cmd", "F_GETLK, F_SETLK or F_SETLKW", optional: false,
        EnumOrInteger("lock-cmd", Names.Types.LockCommand, "LockCommand"));

    public static readonly ParameterKind LockDescription = new("flock", "the lock; for F_GETLK set it to the conflicting lock or to LockType.Unlock", optional: false,
        new ManagedShape("flock.ref", Names.Types.FileLock, "FileLock", ManagedRefKind.Ref, $"ref {Local}", $"var {Local} = {Names.NativeLock.Read}({N0});", $"{Names.NativeLock.Write}(in {Local}, {N0});"));

    public static readonly ParameterKind IoctlCommand = new("ioctl-cmd", "the ioctl request number", optional: false,
        Value("ioctl-cmd.uint", "uint", "uint"));

    public static readonly ParameterKind IoctlArgument = new("ioctl-arg", "the caller's raw argument (an address in the caller, not readable here)", optional: true,
        Value("ioctl-arg.nint", "nint", "nint", $"(nint){N0}"));

    public static readonly ParameterKind IoctlData = new("ioctl-data", "_IOC_SIZE(cmd) bytes: the input of _IOW requests, the output of _IOR ones", optional: true,
        Value("ioctl-data.span", "global::System.Span<byte>", "Span<byte>", $"{Names.NativeIoctl.Data}({N0}, {N1})"));

    public static readonly ParameterKind IoctlFlags = new("ioctl-flags", "FUSE_IOCTL_* flags (COMPAT 1, UNRESTRICTED 2, DIR 16)", optional: true,
        Value("ioctl-flags.uint", "uint", "uint"));

    public static readonly ParameterKind PollHandle = new("poll-handle", "keep it and call Notify() when the file becomes ready", optional: true,
        $"{Names.PollHandle.FromNative}({N0}).{Names.PollHandle.Dispose}();",
        Value("poll-handle.class", Names.PollHandle.Type, "PollHandle", $"{Names.PollHandle.FromNative}({N0})"));

    public static readonly ParameterKind PollEvents = new("poll-events", "set it to the events that are ready now", optional: false,
        new ManagedShape("poll-events.ref", Names.Types.PollEvents, "PollEvents", ManagedRefKind.Ref, $"ref {Local}", $"var {Local} = ({Names.Types.PollEvents})(*{N0});", $"*{N0} = (uint){Local};"));

    public static readonly ParameterKind StatxFlags = new("statx-flags", "AT_* flags; EmptyPath when the open file has no path (the path is then empty)", optional: true,
        EnumOrInteger("statx-flags", Names.Types.StatxFlags, "StatxFlags"));

    public static readonly ParameterKind StatxMask = new("statx-mask", "the STATX_* fields the caller wants; answering more is fine", optional: true,
        EnumOrInteger("statx-mask", Names.Types.StatxMask, "StatxMask", "int", "(uint)"));

    public static readonly ParameterKind Statx = new("statx", "extended attributes to fill in: libfuse's zeroed buffer itself, no copy", optional: false,
        new ManagedShape("statx.ref", Names.Types.Statx, "Statx", ManagedRefKind.Ref, $"ref *({Names.Types.Statx}*){N0}"));

    public static readonly ParameterKind BufferVector = new("bufvec", "the data, in memory or in a pipe; move it with WriteTo(fd, position) or CopyTo(span)", optional: false,
        Value("bufvec.value", Names.FuseBufferVector.Type, "FuseBufferVector", $"{Names.FuseBufferVector.FromNative}({N0})"));

    public static readonly ParameterKind BufferReply = new("bufreply", "where the reply goes: FromFile(fd, position, size) or CopyFrom(span)", optional: false,
        Value("bufreply.value", Names.FuseBufferReply.Type, "FuseBufferReply", $"{Names.FuseBufferReply.FromNative}({N0})"));
}
