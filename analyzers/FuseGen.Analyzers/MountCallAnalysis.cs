using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FuseGen.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FuseGen.Analyzers;

/// <summary>
/// FUSE016: a type of the user's own, without a filesystem marker, passed to <c>Fuse.Main</c> or <c>Fuse.Mount</c>.
/// The compiler says only that it does not convert to the interface (CS1503); the generator implements that
/// interface on marked types, so the marker is what is missing.
/// </summary>
internal static class MountCallAnalysis
{
    public static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol fuse, IReadOnlyList<(ApiCatalog Catalog, INamedTypeSymbol Marker)> markers)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        if (name is not (RuntimeNames.Fuse.Main or RuntimeNames.Fuse.Mount) || FileSystemArgument(invocation) is not { } argument)
        {
            return;
        }

        // Only a call that does not bind: a marked type (or anything else that implements the interface) binds.
        var symbolInfo = context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken);
        if (symbolInfo.Symbol is not null || !symbolInfo.CandidateSymbols.Any(c => SymbolEqualityComparer.Default.Equals(c.ContainingType, fuse)))
        {
            return;
        }

        if (context.SemanticModel.GetTypeInfo(argument.Expression, context.CancellationToken).Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } type ||
            type.DeclaringSyntaxReferences.IsEmpty ||
            type.GetAttributes().Any(a => markers.Any(m => SymbolEqualityComparer.Default.Equals(a.AttributeClass, m.Marker))))
        {
            return;
        }

        var catalog = ApiOf(type);
        var declaration = type.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) as TypeDeclarationSyntax;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Api, catalog.Id);
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UnmarkedFileSystem,
            argument.Expression.GetLocation(),
            declaration is null ? null : new[] { declaration.Identifier.GetLocation() },
            properties,
            type.Name,
            name,
            FileSystemAnalyzer.MarkerName(catalog),
            catalog.InterfaceType.Substring(catalog.InterfaceType.LastIndexOf('.') + 1)));
    }

    /// <summary>The argument for the <c>fileSystem</c> parameter: named, or the first positional one.</summary>
    private static ArgumentSyntax? FileSystemArgument(InvocationExpressionSyntax invocation) =>
        invocation.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "fileSystem") ??
        invocation.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon is null);

    /// <summary>The inode API when the type carries an operation attribute only that API has; the path API otherwise.</summary>
    private static ApiCatalog ApiOf(INamedTypeSymbol type)
    {
        var attributes = type.GetMembers().OfType<IMethodSymbol>()
            .SelectMany(m => m.GetAttributes())
            .Select(a => a.AttributeClass?.ToDisplayString())
            .Where(n => n is not null)
            .ToList();
        return attributes.Any(n => ApiCatalog.Path.FindByAttribute(n!) is null && ApiCatalog.Inode.FindByAttribute(n!) is not null)
            ? ApiCatalog.Inode
            : ApiCatalog.Path;
    }
}
