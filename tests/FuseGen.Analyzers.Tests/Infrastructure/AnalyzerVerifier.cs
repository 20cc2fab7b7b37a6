using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>Runs <see cref="FileSystemAnalyzer"/> over marked-up sources and compares what it reports.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>
    /// Asserts that FuseGen reports exactly the diagnostics marked in <paramref name="markup"/> (ids and spans: none
    /// missing, none extra) and returns them, in source order, for checks on their messages. Markup that marks any
    /// <see cref="TestCompilation.Advice"/> is checked against every diagnostic, advice included; other markup
    /// against all but advice, unless <paramref name="advice"/> asks for it.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup, bool advice = false)
    {
        var (source, expected) = Markup.Parse(markup);
        var compilation = TestCompilation.Create(source);
        var actual = await TestCompilation.AnalyzeAsync(compilation, advice || WantsAdvice(expected));
        AssertSame(source, expected, actual);
        return actual;
    }

    /// <summary>
    /// Asserts that <paramref name="source"/> draws no FuseGen diagnostic at all, <see cref="TestCompilation.Advice"/>
    /// included: the negative case of advice.
    /// </summary>
    public static async Task VerifyCleanAsync(string source) =>
        Assert.Empty((await TestCompilation.AnalyzeAsync(TestCompilation.Create(source), advice: true)).Select(d => d.ToString()));

    /// <summary>Whether the expected diagnostics include advice, so that every diagnostic is compared.</summary>
    public static bool WantsAdvice(ImmutableArray<ExpectedDiagnostic> expected) => expected.Any(e => TestCompilation.Advice.Contains(e.Id));

    /// <summary>Asserts that <paramref name="actual"/> are exactly the <paramref name="expected"/> ids and spans.</summary>
    public static void AssertSame(string source, ImmutableArray<ExpectedDiagnostic> expected, ImmutableArray<Diagnostic> actual) =>
        Assert.Equal(Describe(source, expected), Describe(source, actual.Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan)).ToImmutableArray()));

    /// <summary>
    /// Asserts that <paramref name="source"/> draws no FuseGen diagnostic, compiles with the generator's output
    /// without errors, and that the generated code calls every attributed method for its operation.
    /// </summary>
    public static async Task VerifyValidAsync(string source)
    {
        var compilation = TestCompilation.Create(source);
        Assert.Empty(await TestCompilation.AnalyzeAsync(compilation));
        var run = TestCompilation.RunGenerator(compilation);
        Assert.Null(run.Exception);
        Assert.Empty(TestCompilation.Errors(run.Output.GetDiagnostics()));

        var bound = GeneratedBindings.Read(run).Select(b => Describe(b.Method, b.Operation.Name)).OrderBy(s => s, StringComparer.Ordinal);
        var attributed = GeneratedBindings.AttributedMethods(compilation)
            .SelectMany(m => m.Operations.Select(o => Describe(m.Method, o.Name)))
            .OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(attributed, bound);
    }

    /// <summary>One line per diagnostic (<c>FUSE001 3:12 'stat'</c>), so a failure shows both sets side by side.</summary>
    private static string Describe(string source, ImmutableArray<ExpectedDiagnostic> diagnostics)
    {
        var text = SourceText.From(source);
        return string.Join(Environment.NewLine, diagnostics
            .OrderBy(d => d.Span.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d =>
            {
                var position = text.Lines.GetLinePosition(d.Span.Start);
                return $"{d.Id} {position.Line + 1}:{position.Character + 1} '{text.ToString(d.Span)}'";
            }));
    }

    private static string Describe(IMethodSymbol method, string operation) =>
        $"[{operation}] {method.ToDisplayString()}";
}
