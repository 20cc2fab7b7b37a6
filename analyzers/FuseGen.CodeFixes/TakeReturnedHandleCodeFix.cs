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

/// <summary>FUSE008: declares the handle parameter with the type the creating operation returns.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(TakeReturnedHandleCodeFix)), Shared]
public sealed class TakeReturnedHandleCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HandleTypeMismatch);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (model is null ||
                !diagnostic.Properties.TryGetValue(DiagnosticProperties.HandleType, out var handleType) || handleType is null ||
                root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ParameterSyntax>() is not { Type: { } declared } parameter)
            {
                continue;
            }

            var shortName = new MinimalTypeNames(model, parameter.SpanStart).Text(handleType);
            context.RegisterCodeFix(
                CodeAction.Create($"Take '{shortName}'", token => RetypeAsync(context.Document, parameter, handleType, token), nameof(TakeReturnedHandleCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> RetypeAsync(Document document, ParameterSyntax parameter, string handleType, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || parameter.Type is null)
        {
            return document;
        }

        var type = new MinimalTypeNames(model, parameter.SpanStart).Syntax(handleType).WithTriviaFrom(parameter.Type);
        return document.WithSyntaxRoot(root.ReplaceNode(parameter.Type, type));
    }
}
