using System.Collections.Generic;
using FuseGen.Catalog;

namespace FuseGen.Generators.Emit;

/// <summary>
/// What the holes of a <see cref="CodeTemplate"/> stand for at one place of one entry point. A hole the place has no
/// value for is a catalog error, reported by <see cref="CodeExpander"/>.
/// </summary>
internal sealed record CodeExpansion
{
    /// <summary>The operation whose native parameters <see cref="CodeHoleKind.KindNative"/> holes reach.</summary>
    public OperationDescriptor? Operation { get; init; }

    /// <summary>The native parameters of the shape's own slot, as the entry point names them.</summary>
    public IReadOnlyList<string> SlotNatives { get; init; } = System.Array.Empty<string>();

    public string? Local { get; init; }

    public string? HandleType { get; init; }

    public string? Call { get; init; }

    public string? Request { get; init; }

    public string? Failure { get; init; }

    /// <summary>The local holding the user's method's result (reply stages).</summary>
    public string? Result { get; init; }

    /// <summary>The local of the <c>AsyncInodeRequest</c> serving a task-returning method (its arguments and deferred reply).</summary>
    public string? Pending { get; init; }

    /// <summary>The caught exception's local (failure stages).</summary>
    public string? Exception { get; init; }
}
