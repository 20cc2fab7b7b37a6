using System;
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
using Microsoft.CodeAnalysis.Simplification;

namespace FuseGen.CodeFixes;

/// <summary>
/// FUSE001: rewrites a method's signature into one its operation accepts, keeping the body, the parameter names and
/// every parameter that already fits; a return-type-only problem also gets a narrower "change the return type" fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixSignatureCodeFix)), Shared]
public sealed class FixSignatureCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SignatureMismatch);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Operation, out var name) ||
                OperationCatalog.Find(name ?? "") is not { } operation ||
                root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Use the [{operation.Name}] signature", token => RewriteAsync(context.Document, method, operation, returnOnly: false, token), "FuseGen.FixSignature"),
                diagnostic);

            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Problem, out var problem) && problem == nameof(SignatureProblemKind.ReturnType))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Return {operation.Result.Shapes[0].DisplayType}", token => RewriteAsync(context.Document, method, operation, returnOnly: true, token), "FuseGen.FixReturnType"),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> RewriteAsync(Document document, MethodDeclarationSyntax method, OperationDescriptor operation, bool returnOnly, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model?.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol symbol)
        {
            return document;
        }

        var updated = method;
        var returnType = symbol.ReturnsVoid ? "void" : SignatureMatcher.TypeName(symbol.ReturnType);
        if (!operation.Result.Shapes.Any(s => s.TypeName == returnType || (s.TypeName == ManagedShape.AnyHandleType && SignatureMatcher.IsHandleType(symbol.ReturnType))))
        {
            updated = updated.WithReturnType(Type(operation.Result.Shapes[0].TypeName).WithTriviaFrom(method.ReturnType));
        }

        if (!returnOnly)
        {
            updated = updated.WithParameterList(Parameters(symbol, operation).WithTriviaFrom(method.ParameterList));
        }

        var fixedDocument = document.WithSyntaxRoot(root.ReplaceNode(method, updated));
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One parameter per slot the method had (matched by type, then by name) or the operation requires, in the
    /// operation's order; ambient parameters (FuseContext) stay at the end.
    /// </summary>
    private static ParameterListSyntax Parameters(IMethodSymbol method, OperationDescriptor operation)
    {
        var remaining = method.Parameters.ToList();
        var parameters = new List<ParameterSyntax>();
        foreach (var slot in operation.Slots.Where(s => s.Kind.Shapes.Count > 0))
        {
            var byType = remaining.FirstOrDefault(p => slot.Kind.Shapes.Any(shape => Fits(shape, p.Type)));
            var existing = byType ?? remaining.FirstOrDefault(p => string.Equals(p.Name, slot.Name, StringComparison.OrdinalIgnoreCase));
            if (existing is null && slot.Optional)
            {
                continue;
            }

            if (existing is not null)
            {
                remaining.Remove(existing);
            }

            var shape = existing is null ? slot.Kind.Shapes[0] : slot.Kind.Shapes.FirstOrDefault(s => Fits(s, existing.Type)) ?? slot.Kind.Shapes[0];
            var type = shape.TypeName == ManagedShape.AnyHandleType && existing is not null
                ? SyntaxFactory.ParseTypeName(existing.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation)
                : Type(shape.TypeName);
            parameters.Add(Parameter(existing?.Name ?? slot.Name, type, shape.RefKind));
        }

        foreach (var ambient in remaining.Where(p => AmbientParameters.All.Any(a => a.TypeName == SignatureMatcher.TypeName(p.Type))))
        {
            parameters.Add(Parameter(ambient.Name, Type(SignatureMatcher.TypeName(ambient.Type)), ManagedRefKind.None));
        }

        return SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(parameters));
    }

    private static bool Fits(ManagedShape shape, ITypeSymbol type) =>
        shape.TypeName == SignatureMatcher.TypeName(type) || (shape.TypeName == ManagedShape.AnyHandleType && SignatureMatcher.IsHandleType(type));

    private static ParameterSyntax Parameter(string name, TypeSyntax type, ManagedRefKind refKind)
    {
        var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name)).WithType(type.WithTrailingTrivia(SyntaxFactory.Space));
        var modifier = refKind switch
        {
            ManagedRefKind.Ref => SyntaxKind.RefKeyword,
            ManagedRefKind.Out => SyntaxKind.OutKeyword,
            ManagedRefKind.In => SyntaxKind.InKeyword,
            _ => SyntaxKind.None,
        };
        return modifier == SyntaxKind.None
            ? parameter
            : parameter.WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(modifier).WithTrailingTrivia(SyntaxFactory.Space)));
    }

    private static TypeSyntax Type(string fullyQualified) =>
        SyntaxFactory.ParseTypeName(fullyQualified).WithAdditionalAnnotations(Simplifier.Annotation);
}
