using System;

namespace FuseGen.Catalog;

/// <summary>
/// One managed parameter type accepted for a <see cref="ParameterKind"/>, and the code that converts the native
/// arguments into it.
/// </summary>
/// <remarks>
/// The conversion is in stages, each a <see cref="CodeTemplate"/> whose holes are the slot's native parameters by
/// position, the argument's local and (handle shapes) the declared type: <see cref="Setup"/> runs before the user's
/// method, <see cref="Argument"/> is what the method receives, <see cref="OnSuccess"/> runs only when it succeeded.
/// </remarks>
internal sealed class ManagedShape
{
    /// <summary>
    /// <see cref="TypeName"/> of shapes that accept the filesystem's own handle type (any class or interface other
    /// than string); templates then refer to the declared type as <c>{type}</c>.
    /// </summary>
    public const string AnyHandleType = "{handle}";

    public ManagedShape(string id, string typeName, string displayType, ManagedRefKind refKind, FormattableString argument, FormattableString? setup = null, FormattableString? onSuccess = null, FormattableString? prologue = null, MethodForm form = MethodForm.Any, FormattableString? pendingBuffer = null)
    {
        Form = form;
        PendingBuffer = pendingBuffer is null ? null : CodeTemplate.Of(pendingBuffer);
        Prologue = prologue is null ? null : CodeTemplate.Of(prologue);
        Id = id;
        TypeName = typeName;
        DisplayType = displayType;
        RefKind = refKind;
        Argument = CodeTemplate.Of(argument);
        Setup = setup is null ? null : CodeTemplate.Of(setup);
        OnSuccess = onSuccess is null ? null : CodeTemplate.Of(onSuccess);
    }

    /// <summary>Stable identifier carried through the generator model.</summary>
    public string Id { get; }

    /// <summary>Fully qualified type as Roslyn's <c>FullyQualifiedFormat</c> prints it.</summary>
    public string TypeName { get; }

    /// <summary>Type as a user writes it, for messages and docs.</summary>
    public string DisplayType { get; }

    public ManagedRefKind RefKind { get; }

    /// <summary>Argument stage: the expression passed to the user's method.</summary>
    public CodeTemplate Argument { get; }

    /// <summary>Setup stage: a statement before the call, typically declaring the local the argument refers to.</summary>
    public CodeTemplate? Setup { get; }

    /// <summary>
    /// Prologue stage: a statement before the <c>try</c>, for a local the failure stage reads too (the inode directory
    /// filler, whose counted entries a failure gives back).
    /// </summary>
    public CodeTemplate? Prologue { get; }

    /// <summary>Success stage: a statement after a successful call, typically writing the local back to native memory.</summary>
    public CodeTemplate? OnSuccess { get; }

    /// <summary>Whether synchronous methods, async methods or both may declare this shape.</summary>
    public MethodForm Form { get; }

    /// <summary>
    /// The size of the buffer an async request keeps for this argument until its reply (a read's data, a listing),
    /// from the slot's native parameters; null when the shape needs none.
    /// </summary>
    public CodeTemplate? PendingBuffer { get; }

    /// <summary>Whether a method of the given form may declare this shape.</summary>
    public bool Fits(bool isAsync) => Form == MethodForm.Any || (Form == MethodForm.Asynchronous) == isAsync;

    /// <summary>The parameter as a user would declare it, e.g. <c>ref Stat stat</c>.</summary>
    public string Display(string name) => Declaration(DisplayType, name);

    /// <summary>The parameter declared with the given spelling of its type, e.g. <c>ref global::FuseGen.Stat stat</c>.</summary>
    public string Declaration(string type, string name) => RefKind switch
    {
        ManagedRefKind.Ref => "ref " + type + " " + name,
        ManagedRefKind.Out => "out " + type + " " + name,
        ManagedRefKind.In => "in " + type + " " + name,
        _ => type + " " + name,
    };
}

/// <summary>Ref-ness of a managed parameter, mirroring Roslyn's <c>RefKind</c> without depending on it.</summary>
internal enum ManagedRefKind
{
    None,
    Ref,
    Out,
    In,
}
