namespace FuseGen.Catalog;

/// <summary>
/// One managed parameter type accepted for a <see cref="ParameterKind"/>, and the code that converts the native
/// arguments into it.
/// </summary>
/// <remarks>
/// Templates refer to the slot's native parameters as <c>{0}</c>, <c>{1}</c>, ... and to a per-slot local as
/// <c>{local}</c>, and to the parameter's declared type as <c>{type}</c> (handle shapes). <see cref="Before"/> runs before the user's method, <see cref="After"/> only when it succeeded.
/// </remarks>
internal sealed class ManagedShape
{
    /// <summary>
    /// <see cref="TypeName"/> of shapes that accept the filesystem's own handle type (any class or interface other
    /// than string); templates then refer to the declared type as <c>{type}</c>.
    /// </summary>
    public const string AnyHandleType = "{handle}";

    public ManagedShape(string id, string typeName, string displayType, ManagedRefKind refKind, string argument, string? before = null, string? after = null)
    {
        Id = id;
        TypeName = typeName;
        DisplayType = displayType;
        RefKind = refKind;
        Argument = argument;
        Before = before;
        After = after;
    }

    /// <summary>Stable identifier carried through the generator model.</summary>
    public string Id { get; }

    /// <summary>Fully qualified type as Roslyn's <c>FullyQualifiedFormat</c> prints it.</summary>
    public string TypeName { get; }

    /// <summary>Type as a user writes it, for messages and docs.</summary>
    public string DisplayType { get; }

    public ManagedRefKind RefKind { get; }

    public string Argument { get; }

    public string? Before { get; }

    public string? After { get; }

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
