using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies code fixes the way an IDE does (through a workspace, with the code action's cleanup) and checks the
/// result: its exact text, and that it compiles with the generator's output and draws no FuseGen diagnostic.
/// </summary>
internal static class CodeFixVerifier
{
    /// <summary>
    /// Checks the marked diagnostics, applies the fix with <paramref name="equivalenceKey"/> to the
    /// <paramref name="diagnosticIndex"/>-th fixable one, and compares the document with <paramref name="expected"/>.
    /// </summary>
    public static async Task VerifyAsync(CodeFixProvider provider, string markup, string expected, string equivalenceKey, int diagnosticIndex = 0, string? title = null)
    {
        using var workspace = new AdhocWorkspace();
        var (document, diagnostics) = await OpenAsync(workspace, markup);
        var fixable = Fixable(provider, diagnostics);
        Assert.True(diagnosticIndex < fixable.Length, $"Only {fixable.Length} diagnostics are fixable by {provider.GetType().Name}.");

        var actions = await ActionsAsync(provider, document, fixable[diagnosticIndex]);
        var action = actions.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey);
        Assert.True(action is not null, $"No action '{equivalenceKey}'; offered: {string.Join(", ", actions.Select(a => a.EquivalenceKey))}");
        if (title is not null)
        {
            Assert.Equal(title, action!.Title);
        }

        await AssertFixedAsync(document, action!, expected, HasAdvice(diagnostics));
    }

    /// <summary>Checks the marked diagnostics and that <paramref name="provider"/> offers nothing for any of them.</summary>
    public static async Task VerifyNoFixAsync(CodeFixProvider provider, string markup)
    {
        using var workspace = new AdhocWorkspace();
        var (document, diagnostics) = await OpenAsync(workspace, markup);
        var fixable = Fixable(provider, diagnostics);
        Assert.True(fixable.Length > 0, $"No diagnostic {provider.GetType().Name} could fix: the test proves nothing.");
        foreach (var diagnostic in fixable)
        {
            var actions = await ActionsAsync(provider, document, diagnostic);
            Assert.True(actions.Count == 0, $"{diagnostic.Id} at {diagnostic.Location.GetLineSpan()} is offered: {string.Join(", ", actions.Select(a => a.Title))}");
        }
    }

    /// <summary>Applies the provider's Fix All (document scope) to every fixable diagnostic of the document.</summary>
    public static async Task VerifyFixAllAsync(CodeFixProvider provider, string markup, string expected, string equivalenceKey)
    {
        using var workspace = new AdhocWorkspace();
        var (document, diagnostics) = await OpenAsync(workspace, markup);
        var fixable = Fixable(provider, diagnostics);
        Assert.True(fixable.Length > 1, "Fix All needs several diagnostics to be worth testing.");

        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Document,
            equivalenceKey,
            provider.FixableDiagnosticIds,
            new KnownDiagnostics(fixable),
            CancellationToken.None);
        var fixAllProvider = provider.GetFixAllProvider();
        Assert.NotNull(fixAllProvider);
        var action = await fixAllProvider!.GetFixAsync(context);
        Assert.NotNull(action);
        await AssertFixedAsync(document, action!, expected, HasAdvice(diagnostics));
    }

    private static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> OpenAsync(AdhocWorkspace workspace, string markup)
    {
        var (source, expected) = Markup.Parse(markup);
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Test",
                "Test",
                LanguageNames.CSharp,
                compilationOptions: TestCompilation.Options,
                parseOptions: TestCompilation.ParseOptions,
                metadataReferences: TestCompilation.References))
            .AddDocument(documentId, "Test.cs", SourceText.From(source), filePath: "/0/Test.cs");
        Assert.True(workspace.TryApplyChanges(solution));
        var document = workspace.CurrentSolution.GetDocument(documentId)!;

        var diagnostics = await TestCompilation.AnalyzeAsync((await document.Project.GetCompilationAsync())!, AnalyzerVerifier.WantsAdvice(expected));
        AnalyzerVerifier.AssertSame(source, expected, diagnostics);
        return (document, diagnostics);
    }

    private static ImmutableArray<Diagnostic> Fixable(CodeFixProvider provider, ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();

    private static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    private static bool HasAdvice(ImmutableArray<Diagnostic> diagnostics) => diagnostics.Any(d => TestCompilation.Advice.Contains(d.Id));

    /// <param name="advice">Whether the fixed document must be free of advice too (a fix for advice was applied).</param>
    private static async Task AssertFixedAsync(Document document, CodeAction action, string expected, bool advice)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedDocument = solution.GetDocument(document.Id)!;
        var actual = (await fixedDocument.GetTextAsync()).ToString();
        if (actual != expected)
        {
            // The whole text, with carriage returns made visible: a diff of two short excerpts rarely says enough.
            Assert.Fail($"The fixed document differs.\n--- expected\n{Visible(expected)}\n--- actual\n{Visible(actual)}");
        }

        var compilation = (await fixedDocument.Project.GetCompilationAsync())!;
        var run = TestCompilation.RunGenerator(compilation);
        Assert.Null(run.Exception);
        Assert.Empty(TestCompilation.Errors(run.Output.GetDiagnostics()).Select(d => d.ToString()));
        Assert.Empty((await TestCompilation.AnalyzeAsync(run.Output, advice)).Select(d => d.ToString()));
    }

    private static string Visible(string text) => text.Replace("\r", "\u240D", StringComparison.Ordinal);

    /// <summary>Hands Fix All the diagnostics the test computed.</summary>
    private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return _diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
