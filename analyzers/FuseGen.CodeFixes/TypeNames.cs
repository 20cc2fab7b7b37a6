using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FuseGen.CodeFixes;

/// <summary>Catalog type names (<c>global::FuseGen.Stat</c>) written as short as they bind where the method is.</summary>
internal sealed class TypeNames
{
    private readonly SemanticModel _model;
    private readonly int _position;

    public TypeNames(SemanticModel model, int position)
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
