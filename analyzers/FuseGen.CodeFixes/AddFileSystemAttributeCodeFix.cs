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
using Microsoft.CodeAnalysis.Text;

namespace FuseGen.CodeFixes;

/// <summary>
/// FUSE003: marks the type holding operation methods <c>[FuseFileSystem]</c>; FUSE016: marks the type passed to
/// <c>Fuse.Main</c> or <c>Fuse.Mount</c> with the marker of its API, wherever it is declared. Either makes the type and
/// the types around it partial.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddFileSystemAttributeCodeFix)), Shared]
public sealed class AddFileSystemAttributeCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OperationOutsideFileSystem, DiagnosticIds.UnmarkedFileSystem);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id == DiagnosticIds.UnmarkedFileSystem)
            {
                // The call is here; the type may be declared in any document of the solution.
                if (diagnostic.AdditionalLocations.FirstOrDefault() is { SourceTree: { } tree } declaration &&
                    context.Document.Project.Solution.GetDocument(tree) is { } document)
                {
                    var marker = DiagnosticApi.Catalog(diagnostic).MarkerUsage;
                    var markerName = marker.Substring(marker.LastIndexOf('.') + 1);
                    context.RegisterCodeFix(
                        CodeAction.Create($"Add [{markerName}] to the type", async token => (await AddAttributeAsync(document, declaration.SourceSpan, marker, token).ConfigureAwait(false)).Project.Solution, "FuseGen.Add" + markerName),
                        diagnostic);
                }

                continue;
            }

            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not null)
            {
                // The marker the diagnostic names: [FuseInodeFileSystem] for a type with inode-only operations.
                var marker = DiagnosticApi.Catalog(diagnostic).MarkerUsage;
                var markerName = marker.Substring(marker.LastIndexOf('.') + 1);
                context.RegisterCodeFix(
                    CodeAction.Create($"Add [{markerName}] to the type", token => AddAttributeAsync(context.Document, diagnostic.Location.SourceSpan, marker, token), markerName == "FuseFileSystem" ? nameof(AddFileSystemAttributeCodeFix) : nameof(AddFileSystemAttributeCodeFix) + markerName),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> AddAttributeAsync(Document document, TextSpan span, string marker, CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        if (root.FindNode(span).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } type)
        {
            return document;
        }

        var targets = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>();
        var fixedRoot = root.ReplaceNodes(targets, (original, current) =>
            original == type ? AddAttribute((ClassDeclarationSyntax)current, marker, SyntaxEditing.EndOfLine(root)) : SyntaxEditing.AddPartial(current));
        var fixedDocument = document.WithSyntaxRoot(fixedRoot);
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }


    /// <summary>
    /// Puts the marker (<c>[FuseFileSystem]</c>) on a line of its own in front of the declaration: comments and documentation stay
    /// above it, the declaration's former first line keeps its indentation.
    /// </summary>
    private static TypeDeclarationSyntax AddAttribute(ClassDeclarationSyntax type, string marker, SyntaxTrivia endOfLine)
    {
        var leading = type.GetLeadingTrivia();
        var indentation = SyntaxEditing.Indentation(leading);
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.ParseName(marker).WithAdditionalAnnotations(Simplifier.Annotation))))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(endOfLine);
        var updated = SyntaxEditing.AddPartial(type.WithLeadingTrivia(indentation));
        return updated.WithAttributeLists(updated.AttributeLists.Insert(0, attribute));
    }
}
