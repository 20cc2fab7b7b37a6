namespace FuseGen.Catalog;

/// <summary>
/// A managed return type accepted for an operation and how its value becomes the native return value.
/// </summary>
/// <remarks>
/// <see cref="Template"/> turns the call expression <c>{call}</c> into a statement sequence that assigns
/// <c>__result</c> (of the native return type); it is empty when the native callback returns <c>void</c>.
/// </remarks>
internal sealed class ReturnShape
{
    public ReturnShape(string id, string typeName, string displayType, string template, string meaning, string? requiresKind = null)
    {
        RequiresKind = requiresKind;
        Id = id;
        TypeName = typeName;
        DisplayType = displayType;
        Template = template;
        Meaning = meaning;
    }

    public string Id { get; }

    /// <summary>Fully qualified type as Roslyn's <c>FullyQualifiedFormat</c> prints it (<c>void</c> for none).</summary>
    public string TypeName { get; }

    public string DisplayType { get; }

    public string Template { get; }

    /// <summary>What the value means, for docs and diagnostics.</summary>
    public string Meaning { get; }

    /// <summary>
    /// A <see cref="ParameterKind"/> id that must be bound with this return shape; the result kind's other shapes
    /// then must not bind it (readlink's <c>int</c> form writes into a buffer parameter, its other forms return the target).
    /// </summary>
    public string? RequiresKind { get; }
}
