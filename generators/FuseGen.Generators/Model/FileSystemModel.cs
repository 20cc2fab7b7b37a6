using FuseGen.Generators.Helpers;

namespace FuseGen.Generators.Model;

/// <summary>
/// Everything the emitter writes for one filesystem type (<c>[FuseFileSystem]</c> or <c>[FuseInodeFileSystem]</c>, the
/// catalog named by <c>Api</c>): every decision is taken by the parser.
/// </summary>
/// <remarks>
/// Models hold only strings, numbers and <see cref="EquatableArray{T}"/>s: no symbols, syntax or locations. Roslyn
/// compares them with the previous run's to skip emitting when nothing relevant changed, so equality must be by value.
/// Names are the symbols' own (<c>class</c>, not <c>@class</c>); the emitter escapes keywords as it writes them.
/// </remarks>
internal sealed record FileSystemModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string TypeName,
    string TypeKeyword,
    string FullyQualifiedName,
    string HintName,
    EquatableArray<OperationModel> Operations,
    EquatableArray<SynthesizedReleaseModel> SynthesizedReleases,
    EquatableArray<TableEntryModel> Table,
    bool CreatesFileHandles,
    bool CreatesDirectoryHandles,
    string Api = "path");

/// <summary>A type that encloses the filesystem type, outermost first (<c>class</c>, <c>struct</c>, <c>record</c>...).</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>A method bound to an operation, and how its entry point is built.</summary>
/// <param name="Operation">The catalog operation (<c>Getattr</c>).</param>
/// <param name="EntryPoint">The generated <c>[UnmanagedCallersOnly]</c> method.</param>
/// <param name="ReturnShapeId">The catalog return shape the method's return type matched.</param>
/// <param name="Arguments">One per parameter of the user's method, in order.</param>
/// <param name="DeclaresRequest">Whether the entry point reads <c>FuseRequest.Current</c> once into a local (an argument, the result or a cleanup uses it).</param>
/// <param name="FailsThroughRequest">Whether a failure is reported through that local; otherwise through <c>FuseRequest.Current</c>.</param>
/// <param name="HandleRelease">Whether and how the entry point frees the typed handle after the call, failed or not.</param>
/// <param name="CleanupSlots">Slots the method leaves out whose kind cleans up after the call (<c>ParameterKind.CleanupWhenAbsent</c>), in slot order.</param>
/// <param name="Measured">Whether the entry point reports the request's start and end to <c>RequestMetrics</c> (every request; not init or destroy).</param>
/// <param name="FaultPath">The native path parameter a fault report names (<c>path</c>, <c>from</c>, <c>linkpath</c>), or null.</param>
/// <param name="Async">How a method that returns a task is served (inode API), or null for one that returns its result.</param>
internal sealed record OperationModel(
    string Operation,
    string EntryPoint,
    string MethodName,
    bool IsStatic,
    string ReturnShapeId,
    EquatableArray<ArgumentModel> Arguments,
    bool DeclaresRequest,
    bool FailsThroughRequest,
    HandleReleaseModel? HandleRelease,
    EquatableArray<int> CleanupSlots,
    bool Measured,
    string? FaultPath,
    AsyncCallModel? Async = null);

/// <summary>
/// An operation method that returns a task: its entry point begins an <c>AsyncInodeRequest</c> (a slot under the
/// mount's bound, a buffer that outlives the call, the kernel's interrupt as a token) and hands the task to it with a
/// generated reply method, which answers inline when the task is already complete and on completion otherwise.
/// </summary>
/// <param name="Awaitable">The task type returned: <c>ValueTask</c> or <c>Task</c> (with a result or not).</param>
/// <param name="ResultType">The task's result type as the reply method takes it, or null for a task without one.</param>
/// <param name="BufferArgument">The argument whose shape keeps a buffer until the reply (<c>ManagedShape.PendingBuffer</c>), or -1.</param>
/// <param name="Cancellable">Whether the method takes the request's <c>CancellationToken</c>, so the kernel's interrupt is registered.</param>
/// <param name="FileInfoNative">The native <c>fuse_file_info*</c> the request keeps a copy of (an argument or the deferred reply uses it), or null.</param>
internal sealed record AsyncCallModel(string Awaitable, string? ResultType, int BufferArgument, bool Cancellable, string? FileInfoNative = null);

/// <summary>
/// How one argument of the user's method is produced: a catalog shape, for a slot (-1: ambient), and for handle
/// shapes the declared handle type.
/// </summary>
internal sealed record ArgumentModel(string ShapeId, int SlotIndex, string? TypeName);

/// <summary>
/// The typed handle a release frees once the method has run. The kernel sends release once, after the last operation
/// on the handle; a method that never sees the handle cannot dispose it, so FuseGen does.
/// </summary>
/// <param name="NativeParameter">The native <c>fuse_file_info*</c> parameter that carries the handle.</param>
/// <param name="Dispose">Whether FuseGen disposes the handle (the method does not take it).</param>
internal sealed record HandleReleaseModel(string NativeParameter, bool Dispose);

/// <summary>
/// A release entry point FuseGen adds because the filesystem creates handles of a family it never releases; measured
/// and reported like a bound one (<see cref="OperationModel.Measured"/>, <see cref="OperationModel.FaultPath"/>).
/// </summary>
internal sealed record SynthesizedReleaseModel(string Operation, string EntryPoint, HandleReleaseModel HandleRelease, bool Measured, string? FaultPath);

/// <summary>One member of the native operation table the generated code sets, in table order.</summary>
internal sealed record TableEntryModel(string NativeName, string EntryPoint);
