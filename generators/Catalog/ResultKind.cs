using System.Collections.Generic;

namespace FuseGen.Catalog;

/// <summary>The family of native results an operation produces, and the managed return types that express it.</summary>
internal sealed class ResultKind
{
    public ResultKind(string id, string nativeType, string nativeFailure, params ReturnShape[] shapes)
    {
        Id = id;
        NativeType = nativeType;
        NativeFailure = nativeFailure;
        Shapes = shapes;
    }

    public string Id { get; }

    /// <summary>The C# type of the trampoline's return value (<c>void</c> when C returns nothing).</summary>
    public string NativeType { get; }

    /// <summary>Expression returned when the user's method throws; <c>{errno}</c> is the negative errno.</summary>
    public string NativeFailure { get; }

    /// <summary>Accepted return shapes, the canonical one first.</summary>
    public IReadOnlyList<ReturnShape> Shapes { get; }
}
