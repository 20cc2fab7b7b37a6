using System;
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

namespace FuseGen.CodeFixes;

/// <summary>
/// FUSE001: rewrites a method's signature into one its operation accepts, keeping the body, the parameter names, the
/// layout and every parameter that already fits; a return-type-only problem also gets a narrower "change the return
/// type" fix.
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
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Operation, out var name) ||
                DiagnosticApi.Catalog(diagnostic).Find(name ?? "") is not { } operation ||
                root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method ||
                model?.GetDeclaredSymbol(method, context.CancellationToken) is not IMethodSymbol symbol)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Use the [{operation.Name}] signature", token => RewriteAsync(context.Document, method, operation, returnOnly: false, token), "FuseGen.FixSignature"),
                diagnostic);

            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Problem, out var problem) && problem == nameof(SignatureProblemKind.ReturnType))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Return {ReturnShapeFor(symbol, operation).DisplayType}", token => RewriteAsync(context.Document, method, operation, returnOnly: true, token), "FuseGen.FixReturnType"),
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

        var types = new MinimalTypeNames(model, method.SpanStart);
        var returnShape = ReturnShapeFor(symbol, operation);
        var updated = method;
        if (SignatureMatcher.ReturnShapeOf(symbol, operation) != returnShape)
        {
            updated = updated.WithReturnType(types.Syntax(returnShape.TypeName).WithTriviaFrom(method.ReturnType));
        }

        if (!returnOnly)
        {
            updated = updated.WithParameterList(Parameters(method, symbol, operation, returnShape, types));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(method, updated));
    }

    /// <summary>
    /// The return shape to aim for: the method's own when accepted; otherwise one whose required parameter the
    /// method already has (readlink's <c>int</c> with a buffer), otherwise the operation's first.
    /// </summary>
    private static ReturnShape ReturnShapeFor(IMethodSymbol method, OperationDescriptor operation) =>
        SignatureMatcher.ReturnShapeOf(method, operation) ??
        operation.Result.Shapes.FirstOrDefault(s => s.RequiresKind is { } kind &&
            operation.Slots.Where(slot => slot.Kind.Id == kind).Any(slot => method.Parameters.Any(p => slot.Kind.Shapes.Any(shape => SignatureMatcher.HasType(shape, p.Type))))) ??
        operation.Result.Shapes.First(s => s.RequiresKind is null);

    /// <summary>
    /// One parameter per slot the method had (matched by type, then by name) or the operation requires, in the
    /// operation's order; ambient parameters (FuseContext) stay, at the end. Kept parameters keep their syntax (names,
    /// attributes, defaults); the list keeps its layout position by position.
    /// </summary>
    private static ParameterListSyntax Parameters(MethodDeclarationSyntax declaration, IMethodSymbol method, OperationDescriptor operation, ReturnShape returnShape, MinimalTypeNames types)
    {
        var remaining = method.Parameters.ToList();
        var parameters = new List<ParameterSyntax>();

        // A task-returning method takes the task forms (Memory<byte> for read's buffer) and loses the slots it
        // cannot take (a ref entry: it returns the entry in its task).
        var isAsync = SignatureMatcher.AwaitableOf(method) is not null;
        foreach (var slot in operation.Slots.Where(s => s.Kind.Shapes.Any(shape => shape.Fits(isAsync))))
        {
            // A parameter only another return shape writes into (readlink's buffer when returning the target) goes.
            if (operation.Result.Shapes.Any(other => other != returnShape && other.RequiresKind == slot.Kind.Id))
            {
                continue;
            }

            var byType = remaining.FirstOrDefault(p => slot.Kind.Shapes.Any(shape => SignatureMatcher.HasType(shape, p.Type)));
            var existing = byType ?? remaining.FirstOrDefault(p => string.Equals(p.Name, slot.Name, StringComparison.OrdinalIgnoreCase));
            var required = !slot.Optional || returnShape.RequiresKind == slot.Kind.Id;
            if (existing is null && !required)
            {
                continue;
            }

            if (existing is null)
            {
                parameters.Add(NewParameter(slot.Kind.Shapes.First(s => s.Fits(isAsync)), slot.Name, types));
                continue;
            }

            remaining.Remove(existing);
            var fitting = slot.Kind.Shapes.Where(s => s.Fits(isAsync)).ToList();
            var shape = fitting.FirstOrDefault(s => SignatureMatcher.HasType(s, existing.Type) && s.RefKind == SignatureMatcher.RefKindOf(existing.RefKind)) ??
                fitting.FirstOrDefault(s => SignatureMatcher.HasType(s, existing.Type)) ??
                fitting[0];
            parameters.Add(Reshape(declaration.ParameterList.Parameters[existing.Ordinal], existing, shape, types));
        }

        parameters.AddRange(remaining
            .Where(p => AmbientParameters.All.Any(a => a.TypeName == SignatureMatcher.TypeName(p.Type)))
            .Select(p => declaration.ParameterList.Parameters[p.Ordinal]));

        return declaration.ParameterList.WithParameters(Layout(declaration.ParameterList.Parameters, WithoutMisplacedDefaults(parameters)));
    }

    /// <summary>Default values moved in front of a parameter without one no longer compile: they go.</summary>
    private static List<ParameterSyntax> WithoutMisplacedDefaults(List<ParameterSyntax> parameters)
    {
        var requiredAfter = false;
        for (var i = parameters.Count - 1; i >= 0; i--)
        {
            if (parameters[i].Default is { } value && requiredAfter)
            {
                parameters[i] = parameters[i].WithDefault(null).WithIdentifier(parameters[i].Identifier.WithTrailingTrivia(value.GetTrailingTrivia()));
            }

            requiredAfter |= parameters[i].Default is null;
        }

        return parameters;
    }

    /// <summary>A kept parameter with the shape's type (when it differs) and ref-ness.</summary>
    private static ParameterSyntax Reshape(ParameterSyntax parameter, IParameterSymbol symbol, ManagedShape shape, MinimalTypeNames types)
    {
        var updated = parameter;
        if (!SignatureMatcher.HasType(shape, symbol.Type))
        {
            updated = updated.WithType(types.Syntax(shape.TypeName).WithTriviaFrom(parameter.Type!));
        }

        if (SignatureMatcher.RefKindOf(symbol.RefKind) != shape.RefKind)
        {
            var modifiers = updated.Modifiers.Where(m => !m.IsKind(SyntaxKind.RefKeyword) && !m.IsKind(SyntaxKind.OutKeyword) && !m.IsKind(SyntaxKind.InKeyword) && !m.IsKind(SyntaxKind.ReadOnlyKeyword));
            if (RefKeyword(shape.RefKind) is { } keyword)
            {
                modifiers = modifiers.Append(SyntaxFactory.Token(SyntaxTriviaList.Empty, keyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            }

            updated = updated.WithModifiers(SyntaxFactory.TokenList(modifiers));
        }

        return updated;
    }

    private static ParameterSyntax NewParameter(ManagedShape shape, string name, MinimalTypeNames types) =>
        SyntaxFactory.ParseParameterList("(" + shape.Declaration(types.Text(shape.TypeName), name) + ")").Parameters[0];

    private static SyntaxKind? RefKeyword(ManagedRefKind refKind) => refKind switch
    {
        ManagedRefKind.Ref => SyntaxKind.RefKeyword,
        ManagedRefKind.Out => SyntaxKind.OutKeyword,
        ManagedRefKind.In => SyntaxKind.InKeyword,
        _ => null,
    };

    /// <summary>
    /// The n-th parameter of the new list takes the layout (leading trivia, following separator) of the n-th
    /// parameter of the old one, or of the old list's last one: a list written one parameter per line stays so.
    /// </summary>
    private static SeparatedSyntaxList<ParameterSyntax> Layout(SeparatedSyntaxList<ParameterSyntax> old, List<ParameterSyntax> parameters)
    {
        var defaultSeparator = SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        var nodes = new List<SyntaxNodeOrToken>();
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i > 0)
            {
                nodes.Add(old.SeparatorCount == 0 ? defaultSeparator : old.GetSeparator(Math.Min(i - 1, old.SeparatorCount - 1)));
            }

            var leading = old.Count == 0 ? SyntaxTriviaList.Empty
                : i < old.Count ? old[i].GetLeadingTrivia()
                : old.Count > 1 ? old[old.Count - 1].GetLeadingTrivia()
                : SyntaxTriviaList.Empty;
            var trailing = i < old.Count ? old[i].GetTrailingTrivia() : SyntaxTriviaList.Empty;
            nodes.Add(parameters[i].WithLeadingTrivia(leading).WithTrailingTrivia(i == parameters.Count - 1 && old.Count > 0 ? old[old.Count - 1].GetTrailingTrivia() : trailing));
        }

        return SyntaxFactory.SeparatedList<ParameterSyntax>(nodes);
    }
}
