using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Analyzers;
using FuseGen.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace FuseGen.CodeFixes;

/// <summary>FUSE003: marks the type holding operation methods <c>[FuseFileSystem]</c>, and makes it and the types around it partial.</summary>
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
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var targets = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>();
        var fixedRoot = root.ReplaceNodes(targets, (original, current) =>
            original == type ? AddAttribute((ClassDeclarationSyntax)current, SyntaxEditing.EndOfLine(root)) : SyntaxEditing.AddPartial(current));
        var fixedDocument = document.WithSyntaxRoot(fixedRoot);
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts <c>[FuseFileSystem]</c> on a line of its own in front of the declaration: comments and documentation stay
    /// above it, the declaration's former first line keeps its indentation.
    /// </summary>
    private static TypeDeclarationSyntax AddAttribute(ClassDeclarationSyntax type, SyntaxTrivia endOfLine)
    {
        var leading = type.GetLeadingTrivia();
        var indentation = SyntaxEditing.Indentation(leading);
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.ParseName(RuntimeNames.FuseFileSystemAttribute.Usage).WithAdditionalAnnotations(Simplifier.Annotation))))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(endOfLine);
        var updated = SyntaxEditing.AddPartial(type.WithLeadingTrivia(indentation));
        return updated.WithAttributeLists(updated.AttributeLists.Insert(0, attribute));
    }
}
