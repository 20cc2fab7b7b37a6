using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace FuseGen.CodeFixes;

/// <summary>FUSE003: marks the type holding operation methods <c>[FuseFileSystem]</c> (and partial).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddFileSystemAttributeCodeFix)), Shared]
public sealed class AddFileSystemAttributeCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OperationOutsideFileSystem);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } type)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Add [FuseFileSystem] to the type", token => AddAttributeAsync(context.Document, type, token), nameof(AddFileSystemAttributeCodeFix)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> AddAttributeAsync(Document document, ClassDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::FuseGen.FuseFileSystem").WithAdditionalAnnotations(Simplifier.Annotation))))
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
        var updated = (ClassDeclarationSyntax)SyntaxEditing.AddPartial(type);
        updated = updated.WithAttributeLists(updated.AttributeLists.Insert(0, attribute.WithLeadingTrivia(type.GetLeadingTrivia())))
            .WithLeadingTrivia(type.GetLeadingTrivia());
        if (updated.Modifiers.Count > 0)
        {
            updated = updated.WithModifiers(updated.Modifiers.Replace(updated.Modifiers[0], updated.Modifiers[0].WithLeadingTrivia(Indentation(type))));
        }
        else
        {
            updated = updated.WithKeyword(updated.Keyword.WithLeadingTrivia(Indentation(type)));
        }

        var fixedDocument = document.WithSyntaxRoot(root!.ReplaceNode(type, updated));
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static SyntaxTriviaList Indentation(TypeDeclarationSyntax type) =>
        SyntaxFactory.TriviaList(type.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
}
