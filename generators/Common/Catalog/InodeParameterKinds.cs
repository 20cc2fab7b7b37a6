using Names = FuseGen.Catalog.RuntimeNames;

namespace FuseGen.Catalog;

/// <summary>
/// The kinds of managed parameter only the inode API has (an inode, an entry name, an entry or attributes to reply,
/// the thread's reply buffer, a directory filler); the kinds both APIs share are in <see cref="ParameterKinds"/>.
/// </summary>
internal static class InodeParameterKinds
{
    private static readonly CodeHole N0 = CodeHole.Native(0);
    private static readonly CodeHole N1 = CodeHole.Native(1);
    private static readonly CodeHole Local = CodeHole.Local;
    private static readonly CodeHole HandleType = CodeHole.HandleType;
    private static readonly CodeHole Request = CodeHole.Request;
    private static readonly CodeHole Pending = CodeHole.Pending;

    /// <summary>
    /// An inode: always the first parameter (as in libfuse), so a node object is never taken for a handle, which may
    /// follow it.
    /// </summary>
    public static readonly ParameterKind Node = new("node", "the inode: the node object of the filesystem's InodeTable (any class), or its number", optional: false,
        new ManagedShape("node.inode", "ulong", "ulong", ManagedRefKind.None, $"{N0}"),
        new ManagedShape("node.object", ManagedShape.AnyHandleType, "TNode", ManagedRefKind.None, $"{Request}.{Names.InodeRequest.Node}<{HandleType}>({N0})"));

    public static readonly ParameterKind Name = new("name", "name of the entry in the parent directory, UTF-8", optional: false, ParameterKinds.Text("name"));

    public static readonly ParameterKind NewName = new("newname", "the entry's new name in the new parent directory, UTF-8", optional: false, ParameterKinds.Text("newname"));

    public static readonly ParameterKind Entry = new("entry", "the entry to reply: the node (or inode number), its attributes and cache timeouts", optional: true,
        new ManagedShape("entry.ref", Names.InodeEntry.Type, "InodeEntry", ManagedRefKind.Ref, $"ref {Local}", $"var {Local} = default({Names.InodeEntry.Type});", form: MethodForm.Synchronous));

    public static readonly ParameterKind Attributes = new("attributes", "the attributes to reply", optional: true,
        new ManagedShape("attributes.ref", Names.Types.Stat, "Stat", ManagedRefKind.Ref, $"ref {Local}", $"var {Local} = default({Names.Types.Stat});", form: MethodForm.Synchronous));

    /// <summary>Setattr's <c>struct stat</c> and <c>to_set</c> mask, typed: which attributes change and to what.</summary>
    public static readonly ParameterKind Changes = new("attribute-changes", "the attributes to change (chmod, chown, truncate, utimens): null or TimeSpec.Omit for those left alone; ApplyTo(ref stat) applies them", optional: false,
        new ManagedShape("attribute-changes.value", Names.AttributeChanges.Type, "AttributeChanges", ManagedRefKind.None, $"{Names.AttributeChanges.FromNative}({N0}, {N1})"));

    public static readonly ParameterKind ReadBuffer = new("reply-buffer", "the reply buffer of the requested size: fill it and return the count (sent without a copy)", optional: true,
        new ManagedShape("reply-buffer.span", "global::System.Span<byte>", "Span<byte>", ManagedRefKind.None, $"{Local}", $"var {Local} = {Request}.{Names.InodeRequest.ReadBuffer}({N0});", form: MethodForm.Synchronous),
        new ManagedShape("reply-buffer.memory", AsyncTypes.Memory, "Memory<byte>", ManagedRefKind.None, $"{Pending}.{Names.AsyncInodeRequest.Buffer}", form: MethodForm.Asynchronous, pendingBuffer: $"{N0}"));

    public static readonly ParameterKind Entries = Filler("entries", plus: false);

    public static readonly ParameterKind EntriesPlus = Filler("entries-plus", plus: true);

    public static readonly ParameterKind LookupCount = new("lookup-count", "how many lookups the kernel forgets", optional: true,
        new ManagedShape("lookup-count.ulong", "ulong", "ulong", ManagedRefKind.None, $"{N0}"));

    public static readonly ParameterKind BlockIndex = new("block-index", "block index in the file", optional: false,
        new ManagedShape("block-index.ulong", "ulong", "ulong", ManagedRefKind.None, $"{N0}"));

    /// <summary>The kernel's buffer size of an xattr request: FuseGen answers size probes and ERANGE from it.</summary>
    public static readonly ParameterKind XattrSize = new("xattr-size", "the size of the kernel's buffer (0: a size probe)", optional: true);

    /// <summary>Forget_multi's batch: a span over libfuse's <c>struct fuse_forget_data</c> array, no copy.</summary>
    public static readonly ParameterKind Forgets = new("forgets", "the batch: each inode and how many lookups the kernel drops (FuseGen applies them to the inode table after the method)", optional: false,
        new ManagedShape("forgets.span", $"global::System.ReadOnlySpan<{Names.Types.InodeForget}>", "ReadOnlySpan<InodeForget>", ManagedRefKind.None, $"new global::System.ReadOnlySpan<{Names.Types.InodeForget}>({N1}, checked((int){N0}))"));

    /// <summary>Getlk's lock: read from the kernel's, written back as the answer (<c>fuse_reply_lock</c>).</summary>
    public static readonly ParameterKind LockQuery = new("lock-query", "the lock to test; returning Errno, set it to a conflicting lock, or its Type to LockType.Unlock when there is none", optional: false,
        new ManagedShape("lock-query.ref", Names.Types.FileLock, "FileLock", ManagedRefKind.Ref, $"ref {Local}", $"var {Local} = {Names.NativeLock.Read}({N0});"));

    /// <summary>Setlk's lock.</summary>
    public static readonly ParameterKind LockRequest = new("lock-request", "the lock to take, or to release (LockType.Unlock)", optional: false,
        new ManagedShape("lock-request.value", Names.Types.FileLock, "FileLock", ManagedRefKind.None, $"{Names.NativeLock.Read}({N0})"));

    public static readonly ParameterKind LockWait = new("lock-wait", "true for F_SETLKW: wait until the lock can be taken", optional: true,
        new ManagedShape("lock-wait.bool", "bool", "bool", ManagedRefKind.None, $"{N0} != 0"));

    /// <summary>A restricted ioctl's input: <c>_IOC_SIZE(cmd)</c> bytes of an <c>_IOW</c> request, over libfuse's buffer.</summary>
    public static readonly ParameterKind IoctlInput = new("ioctl-input", "the caller's input bytes (_IOW requests; empty otherwise)", optional: true,
        new ManagedShape("ioctl-input.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", ManagedRefKind.None, $"{Names.NativeBuffer.AsReadOnlySpan}((byte*){N0}, {N1})"));

    /// <summary>A restricted ioctl's output: <c>_IOC_SIZE(cmd)</c> bytes of an <c>_IOR</c> request, in the thread's reply buffer.</summary>
    public static readonly ParameterKind IoctlOutput = new("ioctl-output", "the caller's output bytes (_IOR requests; empty otherwise), zeroed: fill them and return the result", optional: true,
        new ManagedShape("ioctl-output.span", "global::System.Span<byte>", "Span<byte>", ManagedRefKind.None, $"{Local}", $"var {Local} = {Request}.{Names.InodeRequest.IoctlOutput}({N0});"));

    /// <summary>The cookie a retrieve was sent with (<c>InodeNotifier.Retrieve</c>), libfuse's <c>void *cookie</c>.</summary>
    public static readonly ParameterKind RetrieveCookie = new("retrieve-cookie", "the cookie given to InodeNotifier.Retrieve", optional: true,
        new ManagedShape("retrieve-cookie.ulong", "ulong", "ulong", ManagedRefKind.None, $"(ulong){N0}"));

    /// <summary>Statx's buffer, zeroed, answered with <c>fuse_reply_statx</c>.</summary>
    public static readonly ParameterKind Statx = new("inode-statx", "the extended attributes to reply: fill every basic field (Statx.SetBasicStats) and add the rest", optional: true,
        new ManagedShape("inode-statx.ref", Names.Types.Statx, "Statx", ManagedRefKind.Ref, $"ref {Local}", $"var {Local} = default({Names.Types.Statx});"));

    private static ParameterKind Filler(string id, bool plus) => new(id, plus ? "where entries go, each with its attributes (counts a lookup)" : "where directory entries go", optional: false,
        new ManagedShape(id + ".ref", Names.InodeDirectoryFiller.Type, "InodeDirectoryFiller", ManagedRefKind.Ref, $"ref {Local}",
            setup: $"{Local} = {Request}.{Names.InodeRequest.Directory}({N0}, {N1}, plus: {(plus ? "true" : "false")});",
            prologue: $"var {Local} = default({Names.InodeDirectoryFiller.Type});",
            form: MethodForm.Synchronous),
        new ManagedShape(id + ".async", Names.AsyncDirectoryFiller.Type, "AsyncDirectoryFiller", ManagedRefKind.None,
            $"{Pending}.{Names.AsyncInodeRequest.Directory}({N1}, plus: {(plus ? "true" : "false")})",
            form: MethodForm.Asynchronous,
            pendingBuffer: $"{N0}"));
}
