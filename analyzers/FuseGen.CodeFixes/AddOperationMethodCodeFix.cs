using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Analyzers;
using FuseGen.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace FuseGen.CodeFixes;

/// <summary>
/// FUSE010 and FUSE011: adds the missing operation ([Release] or [Releasedir] taking the handle, [Getattr]) as a
/// method that throws <see cref="System.NotImplementedException"/>, so that it is written rather than silently empty.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOperationMethodCodeFix)), Shared]
public sealed class AddOperationMethodCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.HandleNeverReleased, DiagnosticIds.MissingGetattr);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Operation, out var name) ||
                Catalog(diagnostic).Find(name ?? "") is not { } operation ||
                root?.FindNode(diagnostic.Location.SourceSpan) is not { } node ||
                node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(DiagnosticProperties.HandleType, out var handleType);
            var after = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            context.RegisterCodeFix(
                CodeAction.Create($"Add a [{operation.Name}] method", token => AddAsync(context.Document, type, after, operation, handleType, token), "FuseGen.Add" + operation.Name),
                diagnostic);
        }
    }

    private static async Task<Document> AddAsync(Document document, TypeDeclarationSyntax type, MethodDeclarationSyntax? after, OperationDescriptor operation, string? handleType, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var method = Scaffold(operation, handleType);
        var updated = after is not null && type.Members.Contains(after)
            ? type.InsertNodesAfter(after, new[] { method })
            : type.AddMembers(method);
        return document.WithSyntaxRoot(root.ReplaceNode(type, updated));
    }

    /// <summary>
    /// The shortest signature the operation accepts (its return shape, the path and the required parameters, the
    /// handle when one is given), with fully qualified names the simplifier shortens where they bind.
    /// </summary>
    private static MethodDeclarationSyntax Scaffold(OperationDescriptor operation, string? handleType)
    {
        var parameters = new List<string>();
        foreach (var slot in operation.Slots.Where(s => s.Kind.Shapes.Count > 0))
        {
            var shape = slot.Kind.Shapes[0];
            if (slot.Kind == ParameterKinds.Handle)
            {
                if (handleType is not null)
                {
                    parameters.Add(handleType + " " + slot.Name);
                }
            }
            else if (slot.Kind == ParameterKinds.Path || !slot.Optional)
            {
                parameters.Add(shape.Declaration(shape.TypeName, slot.Name));
            }
        }

        var text = $$"""
            [global::FuseGen.{{operation.Name}}]
            private {{operation.Result.Shapes[0].TypeName}} {{operation.Name}}({{string.Join(", ", parameters)}})
            {
                throw new global::System.NotImplementedException();
            }
            """;
        return ((MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(text)!)
            .WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
    }

    /// <summary>The catalog of the API the diagnostic's filesystem is on (the path API's when it does not say).</summary>
    private static ApiCatalog Catalog(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(DiagnosticProperties.Api, out var api) && api is not null ? ApiCatalog.For(api) : ApiCatalog.Path;
}
