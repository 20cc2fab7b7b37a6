extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using generator::FuseGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies code fixes with Microsoft.CodeAnalysis.Testing (one by one, and Fix All in document, project and
/// solution) and checks the result: its exact text, and that it compiles with the generator's output and draws no
/// FuseGen diagnostic.
/// </summary>
internal static class CodeFixVerifier
{
    /// <summary>
    /// Checks the marked diagnostics, applies the fix with <paramref name="equivalenceKey"/> until none is left, and
    /// compares the document with <paramref name="expected"/>; <paramref name="title"/>, when given, is the title
    /// the fix must show.
    /// </summary>
    public static async Task VerifyAsync<TCodeFix>(TCodeFix provider, string markup, string expected, string equivalenceKey, string? title = null)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = Create(provider, markup, expected, equivalenceKey);
        if (title is not null)
        {
            test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
        }

        await test.RunAsync();
    }

    /// <summary>Checks the marked diagnostics and that <paramref name="provider"/> offers nothing for any of them.</summary>
    public static async Task VerifyNoFixAsync<TCodeFix>(TCodeFix provider, string markup)
        where TCodeFix : CodeFixProvider, new()
    {
        var fixable = FuseGenTestSetup.MarkedIds(new[] { markup }).Count(provider.FixableDiagnosticIds.Contains);
        Assert.True(fixable > 0, $"No diagnostic {provider.GetType().Name} could fix: the test proves nothing.");
        var test = Create(provider, markup, markup, equivalenceKey: null);
        await test.RunAsync();
        Assert.True(test.Asked > 0, "The fix was never asked: the test proves nothing.");
        Assert.True(test.Offered.Count == 0, $"Offered: {string.Join(", ", test.Offered.Select(a => a.Title))}");
    }

    /// <summary>
    /// Applies the provider's Fix All to every fixable diagnostic of the document (and of the project and solution,
    /// which hold only this document), and one fix at a time, comparing each result with <paramref name="expected"/>.
    /// </summary>
    public static async Task VerifyFixAllAsync<TCodeFix>(TCodeFix provider, string markup, string expected, string equivalenceKey)
        where TCodeFix : CodeFixProvider, new()
    {
        var fixable = FuseGenTestSetup.MarkedIds(new[] { markup }).Count(provider.FixableDiagnosticIds.Contains);
        Assert.True(fixable > 1, "Fix All needs several diagnostics to be worth testing.");
        var test = Create(provider, markup, expected, equivalenceKey);
        test.BatchFixedCode = expected;
        await test.RunAsync();
    }

    private static FuseGenCodeFixTest<TCodeFix> Create<TCodeFix>(TCodeFix provider, string markup, string expected, string? equivalenceKey)
        where TCodeFix : CodeFixProvider, new()
    {
        _ = provider; // The type is what the framework instantiates; the argument names it at the call site.
        var test = new FuseGenCodeFixTest<TCodeFix>
        {
            TestCode = markup,
            FixedCode = expected,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        FuseGenTestSetup.Apply(test, FuseGenTestSetup.WantsAdvice(new[] { markup }));
        return test;
    }

    /// <summary>
    /// A code-fix test that runs the generator in every compilation (so fixed code must compile with the generated
    /// entry points, without errors) and records what the fix offers.
    /// </summary>
    private sealed class FuseGenCodeFixTest<TCodeFix> : CSharpCodeFixTest<FileSystemAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        public FuseGenCodeFixTest()
        {
            CompilerDiagnostics = CompilerDiagnostics.Errors;
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        /// <summary>How many times the fix was asked for actions.</summary>
        public int Asked { get; private set; }

        /// <summary>Every action the fix offered, every time it was asked.</summary>
        public List<CodeAction> Offered { get; } = new();

        protected override IEnumerable<Type> GetSourceGenerators() => new[] { typeof(FileSystemGenerator) };

        protected override CodeFixContext CreateCodeFixContext(Document document, TextSpan span, ImmutableArray<Diagnostic> diagnostics, Action<CodeAction, ImmutableArray<Diagnostic>> registerCodeFix, CancellationToken cancellationToken)
        {
            Asked++;
            return base.CreateCodeFixContext(document, span, diagnostics, (action, fixedDiagnostics) =>
            {
                Offered.Add(action);
                registerCodeFix(action, fixedDiagnostics);
            }, cancellationToken);
        }
    }
}
