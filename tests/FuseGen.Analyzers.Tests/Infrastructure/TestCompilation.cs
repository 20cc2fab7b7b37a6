extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.Testing.Roslyn;
using generator::FuseGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// The generator and the analyzer run directly on a compilation, for checks the test frameworks do not make: what
/// the generator binds, and the contract between generator and analyzer. Compilations come from
/// <see cref="TestCompilations"/>, generator runs from <see cref="GeneratorHarness"/>.
/// </summary>
internal static class TestCompilation
{
    /// <summary>A compilation of <paramref name="sources"/> as <c>/0/Test0.cs</c>, <c>/0/Test1.cs</c>...</summary>
    public static Compilation Create(params string[] sources) => TestCompilations.Create(sources, "/0/Test");

    public static SyntaxTree Parse(string source, string path) => TestCompilations.Parse(source, path);

    /// <summary>Runs <see cref="FileSystemGenerator"/> and returns the compilation with its output added.</summary>
    public static GeneratorRun RunGenerator(Compilation compilation) => GeneratorHarness.Run(new FileSystemGenerator(), compilation);

    /// <summary>
    /// Diagnostics about how a filesystem's bound methods fit together (handles, a missing [Getattr], allocating
    /// paths). They never keep a method from being bound, and a test about one method's signature would draw them
    /// merely for being a fragment of a filesystem.
    /// </summary>
    public static readonly ImmutableHashSet<string> Advice = ImmutableHashSet.Create(
        DiagnosticIds.HandleTypeMismatch,
        DiagnosticIds.HandleWithoutCreator,
        DiagnosticIds.HandleNeverReleased,
        DiagnosticIds.MissingGetattr,
        DiagnosticIds.StringPathOnHotPath);

    /// <summary>FuseGen's analyzer diagnostics, in source order; <see cref="Advice"/> only when asked for.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, bool advice = false)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new FileSystemAnalyzer());
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        var failures = diagnostics.Where(d => d.Id == "AD0001").ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("The analyzer threw: " + string.Join(Environment.NewLine, failures));
        }

        return diagnostics
            .Where(d => advice || !Advice.Contains(d.Id))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    public static IReadOnlyList<Diagnostic> Errors(IEnumerable<Diagnostic> diagnostics) => TestCompilations.Errors(diagnostics);
}
