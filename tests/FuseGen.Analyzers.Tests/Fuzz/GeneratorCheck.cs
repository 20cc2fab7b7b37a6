using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FuseGen.Analyzers.Tests.Fuzz;

/// <summary>One broken promise: what kind, in which filesystem (when known), and the details.</summary>
internal sealed record Failure(string Kind, FileSystemSpec? FileSystem, string Details);

/// <summary>What one compilation of several filesystems showed.</summary>
internal sealed class CheckResult
{
    public List<Failure> Failures { get; } = new();

    public int Bound { get; set; }

    public int Skipped { get; set; }

    public int FuseDiagnostics { get; set; }
}

/// <summary>
/// Compiles filesystems with the generator and the analyzer and checks the contract between them: the generator
/// never throws and never adds a compilation error, and every attributed method it does not bind is reported.
/// </summary>
internal static partial class GeneratorCheck
{
    public static async Task<CheckResult> RunAsync(IReadOnlyList<FileSystemSpec> specs)
    {
        var result = new CheckResult();
        var byIndex = specs.ToDictionary(s => s.Index);
        var compilation = TestCompilation.Create().AddSyntaxTrees(specs.Select(s => TestCompilation.Parse(s.Render(), $"/0/V{s.Index}.cs")));
        void Fail(string kind, int? index, string details) =>
            result.Failures.Add(new Failure(kind, index is { } i ? byIndex[i] : null, details));

        var run = TestCompilation.RunGenerator(compilation);
        if (run.Exception is { } exception)
        {
            Fail("the generator throws", null, exception.ToString());
            return result;
        }

        // Errors the generated code brings: in generated files, or anywhere that had none before.
        var before = new HashSet<string>(TestCompilation.Errors(compilation.GetDiagnostics()).Select(Key));
        foreach (var error in TestCompilation.Errors(run.Output.GetDiagnostics()).Where(d => !before.Contains(Key(d))))
        {
            Fail("the generated code adds " + error.Id, VariantOf(error.Location.SourceTree), error.ToString());
        }

        var diagnostics = (await TestCompilation.AnalyzeAsync(run.Output)).Where(d => d.Id.StartsWith("FUSE", StringComparison.Ordinal)).ToList();
        result.FuseDiagnostics = diagnostics.Count;
        var bindings = GeneratedBindings.Read(run);
        var attributed = GeneratedBindings.AttributedMethods(run.Output);
        foreach (var binding in bindings.Where(b => !attributed.Any(a => Same(a.Method, b.Method))))
        {
            Fail("an entry point calls a method without an operation attribute", VariantOf(binding.Method.Locations[0].SourceTree), $"[{binding.Operation.Name}] calls '{binding.Method}'");
        }

        foreach (var (method, operations) in attributed)
        {
            var declaration = method.DeclaringSyntaxReferences[0];
            var variant = VariantOf(declaration.SyntaxTree);
            var reported = diagnostics.Where(d => d.Location.SourceTree == declaration.SyntaxTree && declaration.Span.Contains(d.Location.SourceSpan)).ToList();
            var typeReported = diagnostics.Any(d => d.Id == DiagnosticIds.InvalidFileSystemType && d.Location.SourceTree == declaration.SyntaxTree);
            var bound = bindings.Where(b => Same(b.Method, method)).ToList();
            if (bound.Count == 0)
            {
                result.Skipped++;
                if (reported.Count == 0 && !typeReported)
                {
                    Fail("a method is skipped without a diagnostic", variant, $"'{method.Name}' ([{string.Join("], [", operations.Select(o => o.Name))}]) is not bound, and nothing says so");
                }

                continue;
            }

            result.Bound++;
            if (reported.Count > 0)
            {
                Fail("a bound method is reported", variant, $"'{method.Name}' is bound, yet reported: {string.Join("; ", reported)}");
            }

            if (bound.Count > 1 || !operations.Contains(bound[0].Operation))
            {
                Fail("a method is bound to the wrong operation", variant, $"'{method.Name}' ([{string.Join("], [", operations.Select(o => o.Name))}]) is bound to [{string.Join("], [", bound.Select(b => b.Operation.Name))}]");
            }
        }

        return result;
    }

    /// <summary>How many failures of each kind, then the first filesystems that failed, each once with all its failures.</summary>
    public static string Report(IReadOnlyList<Failure> failures, int fileSystems)
    {
        var kinds = failures.GroupBy(f => f.Kind).OrderByDescending(g => g.Count()).Select(g => $"  {g.Count(),5} x {g.Key}");
        var examples = failures.GroupBy(f => f.FileSystem).Take(fileSystems).Select(g =>
            string.Join("\n", g.Select(f => "- " + f.Details).Distinct()) + (g.Key is { } spec ? "\n" + spec.Render() : ""));
        return string.Join("\n", kinds) + "\n\n" + string.Join("\n", examples);
    }

    private static bool Same(IMethodSymbol a, IMethodSymbol b) =>
        SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition);

    private static string Key(Diagnostic diagnostic) =>
        $"{diagnostic.Id}|{diagnostic.Location.SourceTree?.FilePath}|{diagnostic.Location.SourceSpan}|{diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The variant a file belongs to: <c>/0/V12.cs</c> or a generated <c>V12.Fs.FuseGen.g.cs</c>.</summary>
    private static int? VariantOf(SyntaxTree? tree) =>
        tree is not null && VariantName().Match(tree.FilePath) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"\bV(\d+)\b")]
    private static partial Regex VariantName();
}
