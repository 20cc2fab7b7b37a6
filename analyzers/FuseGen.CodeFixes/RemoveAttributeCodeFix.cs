using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FuseGen.CodeFixes;

/// <summary>FUSE004 and FUSE005: removes the operation attribute the diagnostic points at.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveAttributeCodeFix)), Shared]
public sealed class RemoveAttributeCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.DuplicateOperation, DiagnosticIds.SeveralOperations);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is { } attribute)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Remove [{attribute.Name}]", token => RemoveAsync(context.Document, attribute, token), nameof(RemoveAttributeCodeFix)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> RemoveAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var list = (AttributeListSyntax)attribute.Parent!;
        SyntaxNode updated = list.Attributes.Count == 1
            ? root!.RemoveNode(list, SyntaxRemoveOptions.KeepLeadingTrivia)!
            : root!.RemoveNode(attribute, SyntaxRemoveOptions.KeepNoTrivia)!;
        return document.WithSyntaxRoot(updated);
    }
}
