using System.Collections.Generic;
using FuseGen.Catalog;

namespace FuseGen.Signatures;

/// <summary>How one method parameter binds: to a slot of the operation, or to an ambient parameter.</summary>
internal readonly struct ParameterBinding
{
    public ParameterBinding(ManagedShape shape, int slotIndex)
    {
        Shape = shape;
        SlotIndex = slotIndex;
    }

    public ManagedShape Shape { get; }

    /// <summary>Index into <see cref="OperationDescriptor.Slots"/>, or -1 for an ambient parameter.</summary>
    public int SlotIndex { get; }
}

/// <summary>What is wrong with a method's signature for an operation.</summary>
internal enum SignatureProblemKind
{
    /// <summary>The return type is none of the accepted ones.</summary>
    ReturnType,

    /// <summary>A parameter's type matches the expected slot but not its ref-ness.</summary>
    ParameterRefKind,

    /// <summary>A parameter fits no remaining slot.</summary>
    ParameterType,

    /// <summary>A required parameter is missing.</summary>
    MissingParameter,

    /// <summary>A parameter is present that the chosen return shape does not allow, or absent that it needs.</summary>
    ReturnParameterConflict,

    /// <summary>The operation has no managed shapes yet.</summary>
    NotSupported,
}

/// <summary>One problem found while matching, with the index of the offending parameter (-1: the method itself).</summary>
internal readonly struct SignatureProblem
{
    public SignatureProblem(SignatureProblemKind kind, int parameterIndex, string message)
    {
        Kind = kind;
        ParameterIndex = parameterIndex;
        Message = message;
    }

    public SignatureProblemKind Kind { get; }

    public int ParameterIndex { get; }

    public string Message { get; }
}

/// <summary>The outcome of matching a method against an operation.</summary>
internal sealed class SignatureMatch
{
    public SignatureMatch(ReturnShape? returnShape, IReadOnlyList<ParameterBinding> bindings, IReadOnlyList<SignatureProblem> problems, string? awaitable = null)
    {
        Awaitable = awaitable;
        ReturnShape = returnShape;
        Bindings = bindings;
        Problems = problems;
    }

    public ReturnShape? ReturnShape { get; }

    /// <summary>The task type the method returns (<see cref="AsyncTypes.ValueTask"/>, <see cref="AsyncTypes.Task"/>), or null when it returns its result.</summary>
    public string? Awaitable { get; }

    /// <summary>One binding per method parameter, in order (valid only when <see cref="Success"/>).</summary>
    public IReadOnlyList<ParameterBinding> Bindings { get; }

    public IReadOnlyList<SignatureProblem> Problems { get; }

    public bool Success => Problems.Count == 0 && ReturnShape is not null;
}
