using FuseGen.Generators.Helpers;

namespace FuseGen.Generators.Model;

/// <summary>Everything the emitter needs to know about one <c>[FuseFileSystem]</c> type.</summary>
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
    bool CreatesFileHandles,
    bool CreatesDirectoryHandles);

/// <summary>A type that encloses the filesystem type, outermost first (<c>class</c>, <c>struct</c>, <c>record</c>...).</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>A method bound to an operation.</summary>
internal sealed record OperationModel(
    string Operation,
    string MethodName,
    bool IsStatic,
    string ReturnShapeId,
    EquatableArray<ArgumentModel> Arguments);

/// <summary>
/// How one argument of the user's method is produced: a catalog shape, for a slot (-1: ambient), and for handle
/// shapes the declared handle type.
/// </summary>
internal sealed record ArgumentModel(string ShapeId, int SlotIndex, string? TypeName);
