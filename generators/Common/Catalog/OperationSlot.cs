using System.Collections.Generic;

namespace FuseGen.Catalog;

/// <summary>A managed parameter position of an operation: its kind, and the native parameters it is made from.</summary>
internal sealed class OperationSlot
{
    public OperationSlot(ParameterKind kind, string name, bool optional, params string[] nativeNames)
    {
        Kind = kind;
        Name = name;
        Optional = optional;
        NativeNames = nativeNames;
    }

    public ParameterKind Kind { get; }

    /// <summary>Parameter name in the canonical signature and in code fixes.</summary>
    public string Name { get; }

    /// <summary>True when a method may leave this parameter out.</summary>
    public bool Optional { get; }

    public IReadOnlyList<string> NativeNames { get; }
}
