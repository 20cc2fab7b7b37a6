using Names = FuseGen.Catalog.RuntimeNames;
using Inode = FuseGen.Catalog.RuntimeNames.InodeRequest;

namespace FuseGen.Catalog;

/// <summary>
/// The results of inode operations: every low-level callback returns nothing and answers its request once, so each
/// return shape has a reply stage (<see cref="ReturnShape.Reply"/>) naming the <c>fuse_reply_*</c> it sends.
/// </summary>
internal static class InodeResultKinds
{
    private static readonly CodeHole Call = CodeHole.Call;
    private static readonly CodeHole Request = CodeHole.Request;
    private static readonly CodeHole Result = CodeHole.Result;
    private static readonly CodeHole Exception = CodeHole.Exception;
    private static readonly CodeHole OperationName = CodeHole.OperationName;
    private static readonly CodeHole Pending = CodeHole.Pending;
    private static readonly CodeHole KeptFileInfo = CodeHole.PendingFileInfo;
    private static readonly CodeHole FileInfo = CodeHole.NativeOf(ParameterKinds.FileInfo, 0);
    private static readonly CodeHole EntryLocal = CodeHole.LocalOf(InodeParameterKinds.Entry);
    private static readonly CodeHole XattrSize = CodeHole.NativeOf(InodeParameterKinds.XattrSize, 0);

    // A read's size: the reply buffer's slot holds it whether or not the method takes the buffer.
    private static readonly CodeHole ReadSize = CodeHole.NativeOf(InodeParameterKinds.ReadBuffer, 0);

    // An ioctl's output size: the output slot holds it whether or not the method takes the span.
    private static readonly CodeHole IoctlOutputSize = CodeHole.NativeOf(InodeParameterKinds.IoctlOutput, 0);
    private const string Errno = Names.Types.Errno;
    private const string Void = "void";

    public static readonly ResultKind Status = new("inode-status", Void, null,
        new ReturnShape("inode-status.errno", Errno, "Errno", $"{Call}", "Errno.None on success, otherwise the error", reply: $"{Request}.{Inode.ReplyStatus}({Result});", awaitable: true),
        new ReturnShape("inode-status.int", "int", "int", $"{Call}", "0 on success, otherwise -errno", reply: $"{Request}.{Inode.ReplyStatus}({Result});", awaitable: true),
        new ReturnShape("inode-status.void", Void, Void, null, "success unless it throws", reply: $"{Request}.{Inode.ReplyStatus}({Errno}.None);", awaitable: true));

    /// <summary>An entry reply (<c>fuse_reply_entry</c>): lookup, mknod, mkdir, symlink, link. Each counts a lookup.</summary>
    public static readonly ResultKind Entry = EntryKind("inode-entry", Inode.ReplyEntry);

    /// <summary>Lookup's entry reply, which turns ENOENT with a timeout into a negative entry.</summary>
    public static readonly ResultKind Lookup = EntryKind("inode-lookup", Inode.ReplyLookup);

    public static readonly ResultKind Attributes = new("inode-attr", Void, null,
        new ReturnShape("inode-attr.stat", Names.Types.Stat, "Stat", $"{Call}", "the attributes", reply: $"{Request}.{Inode.ReplyAttr}(in {Result});", awaitable: true),
        new ReturnShape("inode-attr.errno", Errno, "Errno", $"{Call}", "Errno.None with the Stat parameter set, otherwise the error", requiresKind: InodeParameterKinds.Attributes.Id,
            reply: $"{Request}.{Inode.ReplyAttr}({Result}, in {CodeHole.LocalOf(InodeParameterKinds.Attributes)});"));

    public static readonly ResultKind Open = new("inode-open", Void, null,
        new ReturnShape("inode-open.handle", ManagedShape.AnyHandleType, "THandle", $"{Call}", "a handle object that later operations on this file receive",
            reply: $"{Request}.{Inode.ReplyOpen}({Result}, {FileInfo});",
            deferredReply: $"{Request}.{Inode.ReplyOpen}({Result}, {KeptFileInfo});"),
        new ReturnShape("inode-open.errno", Errno, "Errno", $"{Call}", "Errno.None on success, otherwise the error",
            reply: $"if ({Result} == {Errno}.None) {Request}.{Inode.ReplyOpen}(null, {FileInfo}); else {Request}.{Inode.ReplyError}({Result});",
            deferredReply: $"if ({Result} == {Errno}.None) {Request}.{Inode.ReplyOpen}(null, {KeptFileInfo}); else {Request}.{Inode.ReplyError}({Result});"),
        new ReturnShape("inode-open.void", Void, Void, null, "success unless it throws", reply: $"{Request}.{Inode.ReplyOpen}(null, {FileInfo});",
            deferredReply: $"{Request}.{Inode.ReplyOpen}(null, {KeptFileInfo});"));

    /// <summary>Create's reply (<c>fuse_reply_create</c>): an entry and an open file.</summary>
    public static readonly ResultKind Create = new("inode-create", Void, null,
        new ReturnShape("inode-create.handle", ManagedShape.AnyHandleType, "THandle", $"{Call}", "a handle for the open file, with the entry parameter set", requiresKind: InodeParameterKinds.Entry.Id,
            reply: $"{Request}.{Inode.ReplyCreate}(in {EntryLocal}, {Result}, {FileInfo});"),
        new ReturnShape("inode-create.errno", Errno, "Errno", $"{Call}", "Errno.None with the entry parameter set, otherwise the error", requiresKind: InodeParameterKinds.Entry.Id,
            reply: $"if ({Result} == {Errno}.None) {Request}.{Inode.ReplyCreate}(in {EntryLocal}, null, {FileInfo}); else {Request}.{Inode.ReplyError}({Result});"));

    public static readonly ResultKind Read = new("inode-read", Void, null,
        new ReturnShape("inode-read.int", "int", "int", $"{Call}", "bytes written into the Span<byte> buffer parameter, or -errno", requiresKind: InodeParameterKinds.ReadBuffer.Id,
            reply: $"{Request}.{Inode.ReplyRead}({Result}, {CodeHole.LocalOf(InodeParameterKinds.ReadBuffer)});",
            deferredReply: $"{Request}.{Inode.ReplyRead}({Result}, {Pending}.{Names.AsyncInodeRequest.BufferSpan});"),
        new ReturnShape("inode-read.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", $"{Call}", "the data; FuseGen sends at most the size asked for",
            reply: $"{Request}.{Inode.ReplyData}({Result}.Length <= (long){ReadSize} ? {Result} : {Result}.Slice(0, (int){ReadSize}));"));

    public static readonly ResultKind Count = new("inode-count", Void, null,
        new ReturnShape("inode-count.int", "int", "int", $"{Call}", "number of bytes (>= 0), or -errno", reply: $"{Request}.{Inode.ReplyWrite}({Result});", awaitable: true),
        new ReturnShape("inode-count.long", "long", "long", $"{Call}", "number of bytes (>= 0), or -errno", reply: $"{Request}.{Inode.ReplyWrite}({Result});", awaitable: true));

    public static readonly ResultKind Directory = DirectoryKind("inode-directory", InodeParameterKinds.Entries);

    public static readonly ResultKind DirectoryPlus = DirectoryKind("inode-directory-plus", InodeParameterKinds.EntriesPlus);

    public static readonly ResultKind LinkTarget = new("inode-link-target", Void, null,
        new ReturnShape("inode-link-target.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", $"{Call}", "the link target", reply: $"{Request}.{Inode.ReplyReadlink}({Result});"),
        new ReturnShape("inode-link-target.string", "string", "string", $"{Call}", "the link target", reply: $"{Request}.{Inode.ReplyReadlink}({Result});", awaitable: true));

    public static readonly ResultKind Statfs = new("inode-statfs", Void, null,
        new ReturnShape("inode-statfs.statvfs", Names.Types.StatVfs, "StatVfs", $"{Call}", "the file system statistics", reply: $"{Request}.{Inode.ReplyStatfs}(in {Result});", awaitable: true));

    public static readonly ResultKind XattrValue = new("inode-xattr", Void, null,
        new ReturnShape("inode-xattr.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", $"{Call}", "the value (throw FuseException(Errno.ENODATA) when absent)", reply: $"{Request}.{Inode.ReplyXattr}({Result}, {XattrSize});"),
        new ReturnShape("inode-xattr.array", "byte[]", "byte[]?", $"{Call}", "the value, or null when the attribute does not exist (ENODATA)", reply: $"{Request}.{Inode.ReplyXattr}({Result}, {XattrSize});"));

    public static readonly ResultKind XattrNames = new("inode-xattr-names", Void, null,
        new ReturnShape("inode-xattr-names.enumerable", "global::System.Collections.Generic.IEnumerable<string>", "IEnumerable<string>", $"{Call}", "the attribute names", reply: $"{Request}.{Inode.ReplyXattrNames}({Result}, {XattrSize});"));

    public static readonly ResultKind Bmap = new("inode-bmap", Void, null,
        new ReturnShape("inode-bmap.ulong", "ulong", "ulong", $"{Call}", "the device block", reply: $"{Request}.{Inode.ReplyBmap}({Result});", awaitable: true));

    public static readonly ResultKind Lseek = new("inode-lseek", Void, null,
        new ReturnShape("inode-lseek.long", "long", "long", $"{Call}", "the new offset (>= 0), or -errno", reply: $"{Request}.{Inode.ReplyLseek}({Result});", awaitable: true));

    /// <summary>
    /// Forget: no reply but <c>fuse_reply_none</c>, which FuseGen sends (after applying the count to the inode table)
    /// whatever the method does; a failure is only reported.
    /// </summary>
    public static readonly ResultKind Forget = new("inode-forget", Void,
        $"{Request}.{Inode.Report}({Exception}, {OperationName});",
        $"{Request}.{Inode.ReplyForget}({CodeHole.NativeOf(InodeParameterKinds.Node, 0)}, {CodeHole.NativeOf(InodeParameterKinds.LookupCount, 0)});",
        new ReturnShape("inode-forget.void", Void, Void, null, "nothing"));

    /// <summary>Forget_multi: as <see cref="Forget"/>, for every forget of the batch (<c>fuse_reply_none</c> once).</summary>
    public static readonly ResultKind ForgetMulti = new("inode-forget-multi", Void,
        $"{Request}.{Inode.Report}({Exception}, {OperationName});",
        $"{Request}.{Inode.ReplyForgetMulti}({CodeHole.NativeOf(InodeParameterKinds.Forgets, 0)}, {CodeHole.NativeOf(InodeParameterKinds.Forgets, 1)});",
        new ReturnShape("inode-forget-multi.void", Void, Void, null, "nothing"));

    /// <summary>A request the kernel expects no answer to (retrieve_reply): FuseGen sends <c>fuse_reply_none</c> whatever the method does.</summary>
    public static readonly ResultKind NoReply = new("inode-no-reply", Void,
        $"{Request}.{Inode.Report}({Exception}, {OperationName});",
        $"{Request}.{Inode.ReplyNone}();",
        new ReturnShape("inode-no-reply.void", Void, Void, null, "nothing"));

    /// <summary>Getlk's answer (<c>fuse_reply_lock</c>): the conflicting lock, or one of type Unlock. Its lock parameter is required, so the errno form always has it to send.</summary>
    public static readonly ResultKind Lock = new("inode-lock", Void, null,
        new ReturnShape("inode-lock.errno", Errno, "Errno", $"{Call}", "Errno.None with the FileLock parameter set, otherwise the error",
            reply: $"{Request}.{Inode.ReplyLock}({Result}, in {CodeHole.LocalOf(InodeParameterKinds.LockQuery)});"),
        new ReturnShape("inode-lock.filelock", Names.Types.FileLock, "FileLock", $"{Call}", "the conflicting lock, or one of type LockType.Unlock", reply: $"{Request}.{Inode.ReplyLock}(in {Result});"));

    /// <summary>An ioctl's answer (<c>fuse_reply_ioctl</c>): a result and the output bytes.</summary>
    public static readonly ResultKind Ioctl = new("inode-ioctl", Void, null,
        new ReturnShape("inode-ioctl.int", "int", "int", $"{Call}", "the ioctl's result (>= 0) with the Span<byte> output filled, or -errno", requiresKind: InodeParameterKinds.IoctlOutput.Id,
            reply: $"{Request}.{Inode.ReplyIoctl}({Result}, {CodeHole.LocalOf(InodeParameterKinds.IoctlOutput)});"),
        new ReturnShape("inode-ioctl.errno", Errno, "Errno", $"{Call}", "Errno.None (result 0, no output), otherwise the error", reply: $"{Request}.{Inode.ReplyIoctl}({Result});"),
        new ReturnShape("inode-ioctl.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", $"{Call}", "the output bytes with result 0; FuseGen sends at most the size the caller reads",
            reply: $"{Request}.{Inode.ReplyIoctl}(0, {Result}.Length <= (long){IoctlOutputSize} ? {Result} : {Result}.Slice(0, (int){IoctlOutputSize}));"));

    /// <summary>A poll's answer (<c>fuse_reply_poll</c>): the events ready now.</summary>
    public static readonly ResultKind Poll = new("inode-poll", Void, null,
        new ReturnShape("inode-poll.events", Names.Types.PollEvents, "PollEvents", $"{Call}", "the events that are ready now", reply: $"{Request}.{Inode.ReplyPoll}({Result});"));

    /// <summary>A statx answer (<c>fuse_reply_statx</c>, libfuse 3.18+).</summary>
    public static readonly ResultKind Statx = new("inode-statx", Void, null,
        new ReturnShape("inode-statx.errno", Errno, "Errno", $"{Call}", "Errno.None with the Statx parameter filled, otherwise the error", requiresKind: InodeParameterKinds.Statx.Id,
            reply: $"{Request}.{Inode.ReplyStatx}({Result}, in {CodeHole.LocalOf(InodeParameterKinds.Statx)});"),
        new ReturnShape("inode-statx.statx", Names.Types.Statx, "Statx", $"{Call}", "the extended attributes", reply: $"{Request}.{Inode.ReplyStatx}(in {Result});"));

    /// <summary>init and destroy: no request, no reply; a failure is reported.</summary>
    public static readonly ResultKind Lifecycle = new("inode-lifecycle", Void, null,
        new ReturnShape("inode-lifecycle.void", Void, Void, null, "nothing"));

    private static ResultKind EntryKind(string id, string reply) => new(id, Void, null,
        new ReturnShape(id + ".errno", Errno, "Errno", $"{Call}", "Errno.None with the entry parameter set, otherwise the error", requiresKind: InodeParameterKinds.Entry.Id,
            reply: $"{Request}.{reply}({Result}, in {EntryLocal});"),
        new ReturnShape(id + ".entry", Names.InodeEntry.Type, "InodeEntry", $"{Call}", "the entry", reply: $"{Request}.{reply}({Errno}.None, in {Result});", awaitable: true));

    private static ResultKind DirectoryKind(string id, ParameterKind entries) => new(id, Void,
        $"{Request}.{Inode.Fail}({Exception}, {OperationName}, ref {CodeHole.LocalOf(entries)});",
        new ReturnShape(id + ".void", Void, Void, null, "nothing: the entries added are the reply", reply: $"{Request}.{Inode.ReplyDirectory}(ref {CodeHole.LocalOf(entries)});",
            deferredReply: $"{Pending}.{Names.AsyncInodeRequest.ReplyDirectory}();"));
}
