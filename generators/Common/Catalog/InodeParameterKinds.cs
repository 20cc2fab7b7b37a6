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

    /// <summary>What FuseGen cannot bind yet (setattr's attribute set, locks, ioctl, poll, buffers, forget batches, statx).</summary>
    public static readonly ParameterKind Unsupported = new("unsupported", "not bound by this version of FuseGen", optional: false);

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
