using System;

namespace FuseGen.Catalog;

/// <summary>
/// A managed return type accepted for an operation and how its value becomes the native return value.
/// </summary>
/// <remarks>
/// <see cref="Result"/> is the native return value as an expression. When it contains the call of the user's method
/// (<see cref="CodeHole.Call"/>) the call's value is converted; otherwise the call is a statement of its own and the
/// result a constant. It is null when the native callback returns <c>void</c>.
/// </remarks>
internal sealed class ReturnShape
{
    public ReturnShape(string id, string typeName, string displayType, FormattableString? result, string meaning, string? requiresKind = null, FormattableString? reply = null, bool awaitable = false, FormattableString? deferredReply = null)
    {
        DeferredReply = deferredReply is not null ? CodeTemplate.Of(deferredReply) : awaitable && reply is not null ? CodeTemplate.Of(reply) : null;
        Reply = reply is null ? null : CodeTemplate.Of(reply);
        RequiresKind = requiresKind;
        Id = id;
        TypeName = typeName;
        DisplayType = displayType;
        Result = result is null ? null : CodeTemplate.Of(result);
        Meaning = meaning;
    }

    public string Id { get; }

    /// <summary>Fully qualified type as Roslyn's <c>FullyQualifiedFormat</c> prints it (<c>void</c> for none).</summary>
    public string TypeName { get; }

    public string DisplayType { get; }

    /// <summary>Result stage: the native return value, from the call or after it; null for a <c>void</c> callback.</summary>
    public CodeTemplate? Result { get; }

    /// <summary>
    /// Reply stage: the statement that answers the request once the method returned (the inode API, whose callbacks
    /// return nothing and reply instead). <see cref="CodeHole.Result"/> is the local the result stage assigned.
    /// </summary>
    public CodeTemplate? Reply { get; }

    /// <summary>
    /// Deferred reply stage: how a method returning a task of this shape (<c>ValueTask&lt;T&gt;</c>, <c>Task&lt;T&gt;</c>,
    /// or <c>ValueTask</c>/<c>Task</c> for <c>void</c>) is answered when the task completes, from the task's result
    /// (<see cref="CodeHole.Result"/>) and what the request kept (<see cref="CodeHole.Pending"/>; <see cref="CodeHole.Request"/>
    /// is its request). Null when the shape has no async form: its reply reads a <c>ref</c> local or the thread's
    /// buffer, which do not outlive the call.
    /// </summary>
    public CodeTemplate? DeferredReply { get; }

    /// <summary>Whether a method may return a task of this shape.</summary>
    public bool IsAwaitable => DeferredReply is not null;

    /// <summary>What the value means, for docs and diagnostics.</summary>
    public string Meaning { get; }

    /// <summary>
    /// A <see cref="ParameterKind"/> id that must be bound with this return shape; the result kind's other shapes
    /// then must not bind it (readlink's <c>int</c> form writes into a buffer parameter, its other forms return the target).
    /// </summary>
    public string? RequiresKind { get; }
}
