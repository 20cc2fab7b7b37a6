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
using Microsoft.CodeAnalysis.Simplification;

namespace FuseGen.CodeFixes;

/// <summary>
/// FUSE019 in a method that is already <c>async</c>: awaits the task instead of blocking on it (<c>task.Result</c>,
/// <c>task.Wait()</c> and <c>task.GetAwaiter().GetResult()</c> become <c>await task</c>).
/// </summary>
/// <remarks>
/// Not offered for a synchronous method: making it async changes its signature, and most synchronous inode shapes
/// take spans, <c>ref</c> structures or <c>ref</c> parameters an async method cannot take; nor where C# allows no
/// <c>await</c> (a <c>lock</c> body, an <c>unsafe</c> context, a query, a catch filter), nor for <c>Wait</c> with a
/// timeout or token, whose result means something else.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitTaskCodeFix)), Shared]
public sealed class AwaitTaskCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingWaitInOperation);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax wait ||
                TaskOf(wait) is not { } task ||
                !AwaitAllowed(wait))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Await the task", token => AwaitAsync(context.Document, wait, task, token), nameof(AwaitTaskCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The awaitable the wait blocks on, as written (a <c>ConfigureAwait(...)</c> stays).</summary>
    private static ExpressionSyntax? TaskOf(ExpressionSyntax wait) => wait switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } call, ArgumentList.Arguments.Count: 0 } => call.Expression,
        InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax
            {
                Name.Identifier.ValueText: "GetResult",
                Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter },
            },
        } => awaiter.Expression,
        _ => null,
    };

    private static bool AwaitAllowed(ExpressionSyntax wait)
    {
        foreach (var ancestor in wait.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax or UnsafeStatementSyntax or QueryExpressionSyntax or CatchFilterClauseSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword) && !method.Modifiers.Any(SyntaxKind.UnsafeKeyword) &&
                        !method.Ancestors().OfType<TypeDeclarationSyntax>().Any(t => t.Modifiers.Any(SyntaxKind.UnsafeKeyword));
            }
        }

        return false;
    }

    private static async Task<Document> AwaitAsync(Document document, ExpressionSyntax wait, ExpressionSyntax task, CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;

        // Parenthesized for a use such as (await task).ToString(); the simplifier drops the parentheses where none are needed.
        var awaited = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(task.WithoutTrivia()))
            .WithTriviaFrom(wait)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(wait, awaited));
    }
}
