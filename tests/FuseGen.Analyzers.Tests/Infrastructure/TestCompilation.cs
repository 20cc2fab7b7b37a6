extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using generator::FuseGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>Compiles test sources against the FuseGen runtime, runs the generator and the analyzer on them.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true);

    /// <summary>The shared framework (from the test host's trusted platform assemblies) and FuseGen.dll.</summary>
    public static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    /// <summary>
    /// An empty compilation with every reference bound; tests add their trees to it, so the referenced assemblies
    /// are read once per run rather than once per test.
    /// </summary>
    private static readonly CSharpCompilation Empty = CSharpCompilation.Create("TestInput", references: References, options: Options);

    public static CSharpCompilation Create(params string[] sources) =>
        Empty.AddSyntaxTrees(sources.Select((source, i) => Parse(source, $"/0/Test{i}.cs")));

    public static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>Runs <see cref="FileSystemGenerator"/> and returns the compilation with its output added.</summary>
    public static GeneratorRun RunGenerator(Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new FileSystemGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(output, diagnostics, driver.GetRunResult());
    }

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

    public static IReadOnlyList<Diagnostic> Errors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // Only the shared framework: the test host's own dependencies (xunit, Roslyn) are not what user code sees.
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal))
            .Append(typeof(Stat).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Result)
{
    public IEnumerable<SyntaxTree> GeneratedTrees => Result.GeneratedTrees;

    public Exception? Exception => Result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
}
