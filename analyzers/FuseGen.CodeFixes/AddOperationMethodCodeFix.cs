using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Analyzers;
using FuseGen.Catalog;
using FuseGen.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace FuseGen.CodeFixes;

/// <summary>
/// FUSE010, FUSE011 and FUSE014: adds the missing operation ([Release] or [Releasedir] taking the handle, [Getattr],
/// [Lookup]) as a method that throws <see cref="System.NotImplementedException"/>, so that it is written rather than
/// silently empty. A [Release] or [Releasedir] that exists without the handle gets the handle parameter instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOperationMethodCodeFix)), Shared]
public sealed class AddOperationMethodCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.HandleNeverReleased, DiagnosticIds.MissingGetattr, DiagnosticIds.MissingLookup);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Operation, out var name) ||
                DiagnosticApi.Catalog(diagnostic).Find(name ?? "") is not { } operation ||
                root?.FindNode(diagnostic.Location.SourceSpan) is not { } node ||
                node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(DiagnosticProperties.HandleType, out var handleType);
            if (handleType is not null &&
                diagnostic.AdditionalLocations.FirstOrDefault() is { SourceTree: { } tree } existing &&
                context.Document.Project.Solution.GetDocument(tree) is { } document)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Take the handle in the [{operation.Name}] method", token => TakeHandleAsync(document, existing.SourceSpan, operation, handleType, token), "FuseGen.TakeHandleIn" + operation.Name),
                    diagnostic);
                continue;
            }

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
    /// Adds the handle where the operation's handle slot is: before the first parameter bound to a later slot (the
    /// inode API's file info comes after the handle, the path API's before it).
    /// </summary>
    private static async Task<Solution> TakeHandleAsync(Document document, TextSpan span, OperationDescriptor operation, string handleType, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return document.Project.Solution;
        }

        var handleSlot = operation.Slots.Select((slot, index) => (slot, index)).First(s => s.slot.Kind == ParameterKinds.Handle);
        var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(handleSlot.slot.Name))
            .WithType(SyntaxFactory.ParseTypeName(handleType).WithAdditionalAnnotations(Simplifier.Annotation));
        var position = method.ParameterList.Parameters.Count;
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(method, cancellationToken) is { } symbol)
        {
            var bindings = SignatureMatcher.Match(symbol, operation).Bindings;
            position = bindings.Select((binding, index) => (binding, index))
                .Where(b => b.binding.SlotIndex > handleSlot.index)
                .Select(b => b.index)
                .DefaultIfEmpty(position)
                .First();
        }

        var updated = root.ReplaceNode(method, method.WithParameterList(method.ParameterList.WithParameters(method.ParameterList.Parameters.Insert(position, parameter))));
        var fixedDocument = await Simplifier.ReduceAsync(document.WithSyntaxRoot(updated), Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return fixedDocument.Project.Solution;
    }

    /// <summary>
    /// The shortest signature the operation accepts (its first return shape, the path, the required parameters and the
    /// one that return shape writes into, the handle when one is given), with fully qualified names the simplifier shortens where they bind.
    /// </summary>
    private static MethodDeclarationSyntax Scaffold(OperationDescriptor operation, string? handleType)
    {
        var parameters = new List<string>();
        var result = operation.Result.Shapes[0];
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
            else if (slot.Kind == ParameterKinds.Path || !slot.Optional || slot.Kind.Id == result.RequiresKind)
            {
                parameters.Add(shape.Declaration(shape.TypeName, slot.Name));
            }
        }

        var text = $$"""
            [global::FuseGen.{{operation.Name}}]
            private {{result.TypeName}} {{operation.Name}}({{string.Join(", ", parameters)}})
            {
                throw new global::System.NotImplementedException();
            }
            """;
        return ((MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(text)!)
            .WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
    }
}
