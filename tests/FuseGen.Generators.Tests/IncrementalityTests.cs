using System.Linq;
using FuseGen.Generators.Tests.Infrastructure;
using FuseGen.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>A rerun after an edit that does not affect a filesystem reuses the previous output; one that does, redoes it.</summary>
public sealed class IncrementalityTests
{
    [Theory]
    [MemberData(nameof(Inputs.All), MemberType = typeof(Inputs))]
    public void Adding_an_unrelated_file_reuses_every_output(string input)
    {
        var first = Inputs.Run(input);
        var edited = first.Input.AddSyntaxTrees(GeneratorRunner.Parse("namespace Unrelated; internal static class Helper { }", "Unrelated.cs"));

        AssertReused(GeneratorRunner.Run(first.Driver, edited));
    }

    [Theory]
    [MemberData(nameof(Inputs.All), MemberType = typeof(Inputs))]
    public void Editing_a_method_body_reuses_every_output(string input)
    {
        var first = Inputs.Run(input);
        var tree = first.Input.SyntaxTrees.Single();
        var bound = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.AttributeLists.Count > 0);
        var insideBody = bound.Body?.OpenBraceToken.Span.End ?? bound.ExpressionBody!.ArrowToken.Span.End;
        var edit = new TextChange(new TextSpan(insideBody, 0), " /* edited */ ");
        var edited = first.Input.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(edit)));

        AssertReused(GeneratorRunner.Run(first.Driver, edited));
    }

    [Fact]
    public void Changing_a_bound_signature_regenerates_the_output()
    {
        var source = Inputs.Read(Inputs.HelloFs);
        var first = GeneratorRunner.Run(source);
        var tree = first.Input.SyntaxTrees.Single();
        var changed = source.Replace("GetAttr(ReadOnlySpan<byte> path, ref Stat stat)", "GetAttr(ReadOnlySpan<byte> path, out Stat stat)", System.StringComparison.Ordinal)
            .Replace("stat.SetAllTimes(Created);", "stat = default;\n        stat.SetAllTimes(Created);", System.StringComparison.Ordinal);
        Assert.NotEqual(source, changed);

        var second = GeneratorRunner.Run(first.Driver, first.Input.ReplaceSyntaxTree(tree, GeneratorRunner.Parse(changed, tree.FilePath)));

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(second.StepOutputs(StepNames.FileSystems)).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(second.SourceOutputs).Reason);
        Assert.NotEqual(first.SingleSource.SourceText.ToString(), second.SingleSource.SourceText.ToString());
        Assert.Empty(second.OutputProblems);
    }

    private static void AssertReused(GeneratorRun rerun)
    {
        var steps = rerun.StepOutputs(StepNames.FileSystems).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"{StepNames.FileSystems} step output was {output.Reason}"));

        var sources = rerun.SourceOutputs.ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }
}
