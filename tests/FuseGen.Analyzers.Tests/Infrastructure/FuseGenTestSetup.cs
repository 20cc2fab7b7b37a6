using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using FuseGen.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// How the Microsoft.CodeAnalysis.Testing tests of this project are set up: the project compiles against the test
/// host's framework and FuseGen.dll (<see cref="TestReferences"/>, no reference packages to download), with nullable
/// on, and advice is left out unless a test asks for it.
/// </summary>
internal static partial class FuseGenTestSetup
{
    /// <summary>No reference-assembly package: <see cref="TestReferences.All"/> are the references.</summary>
    private static readonly ReferenceAssemblies NoPackages = new("net10.0");

    public static void Apply(AnalyzerTest<DefaultVerifier> test, bool advice)
    {
        test.ReferenceAssemblies = NoPackages;
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        if (!advice)
        {
            test.DisabledDiagnostics.AddRange(TestCompilation.Advice);
        }

        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            return solution
                .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest))
                .WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable));
        });
    }

    /// <summary>The diagnostic ids the markup expects (<c>{|FUSE001:...|}</c>), in order.</summary>
    public static IReadOnlyList<string> MarkedIds(IEnumerable<string> markups) =>
        markups.SelectMany(markup => MarkerPattern().Matches(markup).Select(match => match.Groups[1].Value)).ToList();

    /// <summary>Whether the markup expects advice, so that advice is compared too.</summary>
    public static bool WantsAdvice(IEnumerable<string> markups) => MarkedIds(markups).Any(TestCompilation.Advice.Contains);

    [GeneratedRegex(@"\{\|([A-Z]+[0-9]+):")]
    private static partial Regex MarkerPattern();
}
