using System.Collections.Immutable;
using System.Linq;

namespace FuseGen.Analyzers.Tests.Fuzz;

/// <summary>A parameter as written: <c>params</c>, ref-ness, type, name, default.</summary>
internal sealed record ParameterSpec(string RefKind, string Type, string Name, string? Default = null, bool IsParams = false)
{
    public string Render() =>
        (IsParams ? "params " : "") + (RefKind.Length > 0 ? RefKind + " " : "") + Type + " " + Name + (Default is null ? "" : " = " + Default);
}

/// <summary>A method as written, with the operation attributes it carries. Rendered with a body that always compiles.</summary>
internal sealed record MethodSpec(
    string Name,
    string ReturnType,
    ImmutableList<ParameterSpec> Parameters,
    ImmutableList<string> Operations,
    bool IsStatic = false,
    bool IsAsync = false,
    bool IsExtern = false,
    string TypeParameters = "",
    string ExtraAttribute = "")
{
    public string Render()
    {
        var attributes = string.Concat(Operations.Select(o => "[" + o + "]\n"));
        if (ExtraAttribute.Length > 0)
        {
            attributes += "[" + ExtraAttribute + "]\n";
        }

        var modifiers = (IsStatic || IsExtern ? "static " : "") + (IsExtern ? "extern " : "") + (IsAsync ? "async " : "");
        var signature = $"{modifiers}{ReturnType} {Name}{TypeParameters}({string.Join(", ", Parameters.Select(p => p.Render()))})";
        return attributes + signature + (IsExtern ? ";" : " { throw null!; }") + "\n";
    }
}
