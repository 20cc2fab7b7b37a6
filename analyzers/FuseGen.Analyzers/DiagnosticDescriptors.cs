using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace FuseGen.Analyzers;

/// <summary>Every diagnostic FuseGen reports. Messages name the method, the operation and what would be accepted.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "FuseGen";

    public static readonly DiagnosticDescriptor SignatureMismatch = new(
        DiagnosticIds.SignatureMismatch,
        "Method signature does not fit its operation",
        "Method '{0}' cannot implement [{1}]: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each operation accepts a fixed set of parameter and return shapes; see the operation table in the README.");

    public static readonly DiagnosticDescriptor InvalidFileSystemType = new(
        DiagnosticIds.InvalidFileSystemType,
        "Filesystem type cannot be extended by the generator",
        "Type '{0}' cannot be a FUSE filesystem: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator adds the native half of the filesystem to the class in a file of its own, so the type must be a class (a record class is one) that is not static, abstract, generic or file-local, and it and every type around it must be partial.");

    public static readonly DiagnosticDescriptor OperationOutsideFileSystem = new(
        DiagnosticIds.OperationOutsideFileSystem,
        "Operation attribute outside a [FuseFileSystem] type",
        "Method '{0}' has [{1}] but type '{2}' is not marked [{3}], so the operation is never bound",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateOperation = new(
        DiagnosticIds.DuplicateOperation,
        "Operation implemented twice",
        "[{0}] is already implemented by '{1}'; '{2}' is ignored",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SeveralOperations = new(
        DiagnosticIds.SeveralOperations,
        "Several operation attributes on one method",
        "Method '{0}' carries [{1}]; one method implements one operation",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UncallableMethod = new(
        DiagnosticIds.UncallableMethod,
        "Method cannot be called from a native entry point",
        "Method '{0}' cannot implement [{1}]: it is {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated entry point must call the method directly. Path-API operations answer libfuse when they return, so they cannot be async; inode-API operations ([FuseInodeFileSystem]) may be async and return ValueTask or Task.");

    public static readonly DiagnosticDescriptor UnsupportedOperation = new(
        DiagnosticIds.UnsupportedOperation,
        "Operation not supported yet",
        "Method '{0}': [{1}] cannot be implemented with this version of FuseGen yet",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor HandleTypeMismatch = new(
        DiagnosticIds.HandleTypeMismatch,
        "Handle type never returned by the operation that opens it",
        "Method '{0}' takes a '{1}' handle, but [{2}] ('{3}') returns '{4}', which is never a '{1}': [{5}] would fail with EBADF on every file [{2}] opens{6}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A typed handle parameter receives the object that [Open] or [Create] (files) or [Opendir] (directories) returned. FuseGen hands it over only when it is of the declared type.");

    public static readonly DiagnosticDescriptor HandleWithoutCreator = new(
        DiagnosticIds.HandleWithoutCreator,
        "Handle parameter without an operation that creates handles",
        "Method '{0}' takes a '{1}' handle, but no {2} method returns one, so it always receives null",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Typed handles come from the object [Open] or [Create] (files) or [Opendir] (directories) returns; without such a method every handle is null.");

    public static readonly DiagnosticDescriptor HandleNeverReleased = new(
        DiagnosticIds.HandleNeverReleased,
        "Handle is never released",
        "[{0}] returns '{1}', but no [{2}] method takes it and it is not IDisposable: whatever it holds is never closed when the file is released",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "FuseGen forgets a handle when the kernel releases the file and disposes it if no release method of the filesystem's own takes it. A handle that is neither taken by a release method nor IDisposable leaks what it holds until the garbage collector finds it.");

    public static readonly DiagnosticDescriptor MissingGetattr = new(
        DiagnosticIds.MissingGetattr,
        "Filesystem without [Getattr]",
        "Type '{0}' implements {1} but no [Getattr]: the kernel looks up every path with getattr first, so they are never reached (lookups fail with ENOSYS)",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor StringPathOnHotPath = new(
        DiagnosticIds.StringPathOnHotPath,
        "String path on a hot operation",
        "Method '{0}' takes its path as a string, which allocates on every [{1}] call; take 'ReadOnlySpan<byte> {2}' (UTF-8) to keep the call allocation-free",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OperationNotInApi = new(
        DiagnosticIds.OperationNotInApi,
        "Operation attribute of the other API",
        "Method '{0}' has [{1}], which a [{2}] type does not have, so the operation is never bound",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The path API ([FuseFileSystem], struct fuse_operations) and the inode API ([FuseInodeFileSystem], struct fuse_lowlevel_ops) share the attributes of the operations both have; the others belong to one API only.");

    public static readonly DiagnosticDescriptor MissingLookup = new(
        DiagnosticIds.MissingLookup,
        "Inode filesystem without [Lookup]",
        "Inode filesystem '{0}' has no [Lookup]: the kernel finds every name through lookup, so nothing below the mount root is reached (lookups fail with ENOSYS)",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ForgetWithoutLookup = new(
        DiagnosticIds.ForgetWithoutLookup,
        "[Forget] without [Lookup]",
        "Inode filesystem '{0}' implements [Forget] but no [Lookup]: forget gives back the lookups entry replies count, and without [Lookup] the kernel reaches no entry to forget",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnmarkedFileSystem = new(
        DiagnosticIds.UnmarkedFileSystem,
        "Type passed to Fuse.Main or Fuse.Mount is not a filesystem",
        "Type '{0}', passed to Fuse.{1}, is not marked [{2}]: FuseGen generates no filesystem for it, so it does not implement '{3}'; mark it [{2}]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Fuse.Main and Fuse.Mount take the interface the generator implements on a type marked [FuseFileSystem] (path API) or [FuseInodeFileSystem] (inode API); any other type draws only the compiler's conversion error.");

    public static readonly DiagnosticDescriptor UnsafeCodeDisabled = new(
        DiagnosticIds.UnsafeCodeDisabled,
        "Unsafe code is not allowed in the project",
        "Filesystem '{0}' needs unsafe code, which this project does not allow: the generated entry points take native pointers; set <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the project (the FuseGen package's build props set it unless the project turns it off)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Without AllowUnsafeBlocks the generated file fails with CS0227 on every entry point; this says why once, at the filesystem.");

    public static readonly DiagnosticDescriptor NodeTypeMismatch = new(
        DiagnosticIds.NodeTypeMismatch,
        "Inode operations take different node types",
        "Method '{0}' takes its inode as '{1}', but [{2}] ('{3}') takes '{4}': the inode table holds one node type, so every call of one of them fails; take '{4} {5}' as the first parameter{6}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The first parameter of an inode operation is always its inode (as in libfuse), a node object of the filesystem's InodeTable<TNode> or its ulong number; a handle follows it. A class taken there that the table does not hold is answered with an error at run time.");

    public static readonly DiagnosticDescriptor BlockingWaitInOperation = new(
        DiagnosticIds.BlockingWaitInOperation,
        "Operation blocks on a task",
        "Method '{0}' ([{1}]) blocks its libfuse worker on '{2}' until the task completes, which stalls other requests and can deadlock; {3}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "libfuse runs an operation on one of a few worker threads; a worker waiting for a task serves no other request, and when the task needs another request of the same mount (or a worker) to finish, nothing finishes. Not reported for a task the method awaited or asked IsCompleted (or Status) of before, nor inside a lambda or local function.");

    /// <summary>Every descriptor, in id order: what the analyzer supports and what the README lists.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        SignatureMismatch,
        InvalidFileSystemType,
        OperationOutsideFileSystem,
        DuplicateOperation,
        SeveralOperations,
        UncallableMethod,
        UnsupportedOperation,
        HandleTypeMismatch,
        HandleWithoutCreator,
        HandleNeverReleased,
        MissingGetattr,
        StringPathOnHotPath,
        OperationNotInApi,
        MissingLookup,
        ForgetWithoutLookup,
        UnmarkedFileSystem,
        UnsafeCodeDisabled,
        NodeTypeMismatch,
        BlockingWaitInOperation);
}
