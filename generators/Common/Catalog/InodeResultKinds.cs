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
            deferredReply: $"{Request}.{Inode.ReplyRead}({Result}, {Pending}.{Names.AsyncInodeRequest.Buffer}.Span);"),
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

    /// <summary>init and destroy: no request, no reply; a failure is reported.</summary>
    public static readonly ResultKind Lifecycle = new("inode-lifecycle", Void, null,
        new ReturnShape("inode-lifecycle.void", Void, Void, null, "nothing"));

    /// <summary>Operations FuseGen does not bind yet: no shapes, so their attribute is reported, not bound.</summary>
    public static readonly ResultKind Unsupported = new("inode-unsupported", Void, null);

    private static ResultKind EntryKind(string id, string reply) => new(id, Void, null,
        new ReturnShape(id + ".errno", Errno, "Errno", $"{Call}", "Errno.None with the entry parameter set, otherwise the error", requiresKind: InodeParameterKinds.Entry.Id,
            reply: $"{Request}.{reply}({Result}, in {EntryLocal});"),
        new ReturnShape(id + ".entry", Names.InodeEntry.Type, "InodeEntry", $"{Call}", "the entry", reply: $"{Request}.{reply}({Errno}.None, in {Result});", awaitable: true));

    private static ResultKind DirectoryKind(string id, ParameterKind entries) => new(id, Void,
        $"{Request}.{Inode.Fail}({Exception}, {OperationName}, ref {CodeHole.LocalOf(entries)});",
        new ReturnShape(id + ".void", Void, Void, null, "nothing: the entries added are the reply", reply: $"{Request}.{Inode.ReplyDirectory}(ref {CodeHole.LocalOf(entries)});",
            deferredReply: $"{Pending}.{Names.AsyncInodeRequest.ReplyDirectory}();"));
}
