using System;
using System.Collections.Generic;

namespace FuseGen.Catalog;

/// <summary>
/// What one managed parameter of an operation means (a path, a stat buffer, a data buffer, ...) and the managed
/// types that may stand for it.
/// </summary>
internal sealed class ParameterKind
{
    public ParameterKind(string id, string description, bool optional, params ManagedShape[] shapes)
        : this(id, description, optional, null, shapes)
    {
    }

    public ParameterKind(string id, string description, bool optional, FormattableString? cleanupWhenAbsent, params ManagedShape[] shapes)
    {
        CleanupWhenAbsent = cleanupWhenAbsent is null ? null : CodeTemplate.Of(cleanupWhenAbsent);
        Id = id;
        Description = description;
        Optional = optional;
        Shapes = shapes;
    }

    public string Id { get; }

    public string Description { get; }

    /// <summary>Whether operations let a method leave this kind of parameter out unless they say otherwise.</summary>
    public bool Optional { get; }

    /// <summary>
    /// Cleanup stage: a statement run after the call (even when it fails) when a method leaves this parameter out, for
    /// native resources the callee would otherwise own. Its holes are the slot's native parameters.
    /// </summary>
    public CodeTemplate? CleanupWhenAbsent { get; }

    /// <summary>Accepted managed shapes, the canonical one first. Empty while the kind is not supported yet.</summary>
    public IReadOnlyList<ManagedShape> Shapes { get; }
}
