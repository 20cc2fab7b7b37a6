using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FuseGen.Testing.Roslyn;

/// <summary>Compilations of test sources against <see cref="TestReferences.All"/>, with the settings of a FuseGen user's project.</summary>
public static class TestCompilations
{
    /// <summary>Documentation comments are checked, as in projects that generate a documentation file.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>
    /// Nullable, unsafe, every warning level. CS1701/CS1702 suppressed as the SDK does (FuseGen.dll targets net8.0 and
    /// unifies to the newer framework); CS1591 because test sources are not documented.
    /// </summary>
    public static CSharpCompilationOptions Options { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true,
        warningLevel: 9999,
        specificDiagnosticOptions: new[] { "CS1701", "CS1702", "CS1591" }.ToDictionary(id => id, _ => ReportDiagnostic.Suppress));

    /// <summary>
    /// An empty compilation with every reference bound; tests add their trees to it, so the referenced assemblies are
    /// read once per run rather than once per test.
    /// </summary>
    private static readonly CSharpCompilation Empty = CSharpCompilation.Create("FuseGenTestInput", references: TestReferences.All, options: Options);

    /// <summary>A compilation of <paramref name="sources"/>, the i-th in a file named <c>{prefix}{i}.cs</c>.</summary>
    public static CSharpCompilation Create(IEnumerable<string> sources, string prefix = "Input") =>
        Create(sources.Select((source, i) => Parse(source, $"{prefix}{i}.cs")));

    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees) => Empty.AddSyntaxTrees(trees);

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>The errors among <paramref name="diagnostics"/>.</summary>
    public static IReadOnlyList<Diagnostic> Errors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}
