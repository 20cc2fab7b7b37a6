using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
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
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var list = (AttributeListSyntax)attribute.Parent!;
        if (list.Attributes.Count > 1)
        {
            // The separator goes with it: [A, B] becomes [A], [A, B, C] becomes [A, C].
            return document.WithSyntaxRoot(root.RemoveNode(attribute, SyntaxRemoveOptions.KeepNoTrivia)!);
        }

        // The whole list goes. What stood before it (documentation, comments, indentation) stays, in front of what
        // followed it; a list sharing its line with the declaration leaves the spacing as it was.
        var next = list.GetLastToken().GetNextToken();
        var startsLine = list.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ||
            list.GetFirstToken().GetPreviousToken() is var previous && (previous.IsKind(SyntaxKind.None) || previous.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
        var leading = startsLine ? list.GetLeadingTrivia() : next.LeadingTrivia;
        var updated = root.ReplaceToken(next, next.WithLeadingTrivia(leading));
        var removed = updated.FindNode(list.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeListSyntax>()!;
        return document.WithSyntaxRoot(updated.RemoveNode(removed, SyntaxRemoveOptions.KeepNoTrivia)!);
    }
}
