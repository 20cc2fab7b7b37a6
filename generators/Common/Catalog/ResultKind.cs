using System;
using System.Collections.Generic;

namespace FuseGen.Catalog;

/// <summary>The family of native results an operation produces, and the managed return types that express it.</summary>
internal sealed class ResultKind
{
    public ResultKind(string id, string nativeType, FormattableString? failureResult, params ReturnShape[] shapes)
        : this(id, nativeType, failureResult, null, shapes)
    {
    }

    public ResultKind(string id, string nativeType, FormattableString? failureResult, FormattableString? always, params ReturnShape[] shapes)
    {
        Always = always is null ? null : CodeTemplate.Of(always);
        Id = id;
        NativeType = nativeType;
        FailureResult = failureResult is null ? null : CodeTemplate.Of(failureResult);
        Shapes = shapes;
    }

    public string Id { get; }

    /// <summary>The C# type of the trampoline's return value (<c>void</c> when C returns nothing).</summary>
    public string NativeType { get; }

    /// <summary>
    /// Failure stage: the native value returned when the user's method throws. When it contains
    /// <see cref="CodeHole.Failure"/> (the report, whose value is the <c>-errno</c>) the report is returned; otherwise the
    /// report is a statement of its own. For a callback that returns <c>void</c> it is the statement the <c>catch</c>
    /// runs (the failure reply), and null means the failure report alone.
    /// </summary>
    public CodeTemplate? FailureResult { get; }

    /// <summary>
    /// Always stage: a statement run after the call whatever happened (in <c>finally</c>), for a reply that must be
    /// sent even when the method throws (forget's <c>fuse_reply_none</c>).
    /// </summary>
    public CodeTemplate? Always { get; }

    /// <summary>Accepted return shapes, the canonical one first.</summary>
    public IReadOnlyList<ReturnShape> Shapes { get; }

    /// <summary>
    /// Whether the native result answers a request of the kernel: a failure returns the report's <c>-errno</c>. Those
    /// requests are measured (<c>FuseMetrics</c>); init and destroy are the mount's lifecycle, not requests.
    /// </summary>
    public bool AnswersRequest => FailureResult?.UsesFailure == true;

    /// <summary>Whether the callback returns nothing (destroy; every low-level operation, which replies instead).</summary>
    public bool ReturnsVoid => NativeType == "void";
}
