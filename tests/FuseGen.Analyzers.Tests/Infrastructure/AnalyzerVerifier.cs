using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>Runs <see cref="FileSystemAnalyzer"/> over marked-up sources with Microsoft.CodeAnalysis.Testing.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>
    /// Asserts that FuseGen reports exactly the diagnostics marked in <paramref name="markup"/> (ids and spans: none
    /// missing, none extra) and returns them, in source order, for checks on their messages. Markup that marks any
    /// <see cref="TestCompilation.Advice"/> is checked against every diagnostic, advice included; other markup
    /// against all but advice, unless <paramref name="advice"/> asks for it.
    /// </summary>
    public static Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup, bool advice = false) => VerifyAsync(new[] { markup }, advice);

    /// <summary><see cref="VerifyAsync(string, bool)"/> over several files (<c>/0/Test0.cs</c>, <c>/0/Test1.cs</c>...).</summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string[] markups, bool advice = false)
    {
        advice = advice || FuseGenTestSetup.WantsAdvice(markups);
        var test = new CSharpAnalyzerTest<FileSystemAnalyzer, DefaultVerifier> { CompilerDiagnostics = CompilerDiagnostics.None };
        foreach (var markup in markups)
        {
            test.TestState.Sources.Add(markup);
        }

        FuseGenTestSetup.Apply(test, advice);
        Solution? verified = null;
        test.SolutionTransforms.Add((solution, _) =>
        {
            verified ??= solution;
            return solution;
        });
        await test.RunAsync();

        // The framework compared ids and spans; the messages are read from the same project, analyzed again.
        var compilation = await verified!.Projects.Single().GetCompilationAsync();
        return await TestCompilation.AnalyzeAsync(compilation!, advice);
    }

    /// <summary>
    /// Asserts that <paramref name="source"/> draws no FuseGen diagnostic at all, <see cref="TestCompilation.Advice"/>
    /// included: the negative case of advice.
    /// </summary>
    public static Task VerifyCleanAsync(string source) => VerifyAsync(source, advice: true);

    /// <summary>
    /// Asserts that <paramref name="source"/> draws no FuseGen diagnostic, compiles with the generator's output
    /// without errors, and that the generated code calls every attributed method for its operation.
    /// </summary>
    public static async Task VerifyValidAsync(string source)
    {
        await VerifyAsync(source);
        var compilation = TestCompilation.Create(source);
        var run = TestCompilation.RunGenerator(compilation);
        Assert.Null(run.Exception);
        Assert.Empty(TestCompilations.Errors(run.Output.GetDiagnostics()));

        var bound = GeneratedBindings.Read(run).Select(b => Describe(b.Method, b.Operation.Name)).OrderBy(s => s, StringComparer.Ordinal);
        var attributed = GeneratedBindings.AttributedMethods(compilation)
            .SelectMany(m => m.Operations.Select(o => Describe(m.Method, o.Name)))
            .OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(attributed, bound);
    }

    private static string Describe(IMethodSymbol method, string operation) =>
        $"[{operation}] {method.ToDisplayString()}";
}
