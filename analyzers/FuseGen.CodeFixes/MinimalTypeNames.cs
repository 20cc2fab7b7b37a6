using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FuseGen.CodeFixes;

/// <summary>
/// Shortens catalog type names (<c>global::FuseGen.Stat</c>) to the shortest spelling that binds where the code fix
/// writes them (<c>Stat</c> under <c>using FuseGen;</c>), as <c>ToMinimalDisplayString</c> does for symbols.
/// </summary>
internal sealed class MinimalTypeNames
{
    private readonly SemanticModel _model;
    private readonly int _position;

    public MinimalTypeNames(SemanticModel model, int position)
    {
        _model = model;
        _position = position;
    }

    public TypeSyntax Syntax(string typeName) => SyntaxFactory.ParseTypeName(Text(typeName));

    public string Text(string typeName)
    {
        var type = _model.GetSpeculativeTypeInfo(_position, SyntaxFactory.ParseTypeName(typeName), SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        return type is null || type.TypeKind == TypeKind.Error ? typeName : type.ToMinimalDisplayString(_model, _position);
    }
}
