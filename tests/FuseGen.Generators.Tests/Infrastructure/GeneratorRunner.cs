using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary>Builds compilations against FuseGen.dll and runs <see cref="FileSystemGenerator"/> over them.</summary>
internal static class GeneratorRunner
{
    /// <summary>Documentation comments are checked, as in projects that generate a documentation file.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>
    /// CS1701/CS1702 as the SDK does (FuseGen.dll targets net8.0 and unifies to the newer framework); CS1591 because
    /// inputs are not documented (generated code declares no public members).
    /// </summary>
    private static readonly string[] SuppressedWarnings = { "CS1701", "CS1702", "CS1591" };

    /// <summary>The net10.0 framework assemblies this test runs on, plus the FuseGen runtime.</summary>
    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "FuseGenTestInput",
            sources.Select((source, i) => Parse(source, $"Input{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                warningLevel: 9999,
                specificDiagnosticOptions: SuppressedWarnings.ToDictionary(id => id, _ => ReportDiagnostic.Suppress)));

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new FileSystemGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(CreateDriver(), Compile(sources));

    public static GeneratorRun Run(GeneratorDriver driver, Compilation input)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        return new GeneratorRun(driver, input, output, diagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // Only the shared framework: the test host's own dependencies (xunit, Roslyn, the generator) are also trusted.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal));
        return framework
            .Append(typeof(FuseGen.Stat).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
