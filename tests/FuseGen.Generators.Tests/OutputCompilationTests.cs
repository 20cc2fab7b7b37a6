using System.Linq;
using FuseGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>Every input, with the generated code added, compiles without a single warning (nullable ones included).</summary>
public sealed class OutputCompilationTests
{
    [Theory]
    [MemberData(nameof(Inputs.All), MemberType = typeof(Inputs))]
    public void Output_compiles_without_warnings(string input)
    {
        var run = Inputs.Run(input);

        Assert.NotEmpty(run.Sources);
        var problems = run.OutputProblems.Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Nullable_warnings_are_reported_by_the_test_compilation()
    {
        // Guards the test above: a compilation that did not enable nullable analysis would pass it vacuously.
        var run = GeneratorRunner.Run("public static class C { public static string M() => null; }");

        Assert.Contains(run.OutputProblems, d => d.Id == "CS8603" && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Without_the_generator_the_input_does_not_compile()
    {
        // The generated half is what makes an input a complete IFuseFileSystem.
        var input = GeneratorRunner.Compile(Inputs.Read(Inputs.HelloFs));
        var program = "public static class Mounter { public static FuseGen.IFuseFileSystem Create() => new HelloFs.HelloFs(); }";
        var withUse = input.AddSyntaxTrees(GeneratorRunner.Parse(program, "Mounter.cs"));

        Assert.Contains(withUse.GetDiagnostics(), d => d.Id == "CS0029" || d.Id == "CS0266");
        var generated = GeneratorRunner.Run(GeneratorRunner.CreateDriver(), withUse);
        Assert.Empty(generated.OutputProblems);
    }
}
