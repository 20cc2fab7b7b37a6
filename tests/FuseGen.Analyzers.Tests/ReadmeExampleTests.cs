using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Analyzers.Tests;

/// <summary>
/// README.md's inode example, as a newcomer pastes it into a project: it compiles with the generator's output, every
/// method is bound, and it draws no FuseGen diagnostic. (The path API's 20-line example is built from the package
/// and mounted by the packaging tests.)
/// </summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task Inode_example_compiles_as_written_and_draws_no_diagnostic()
    {
        var example = Example("[FuseInodeFileSystem]");

        await AnalyzerVerifier.VerifyValidAsync(example);
        await AnalyzerVerifier.VerifyCleanAsync(example);
        var run = TestCompilation.RunGenerator(TestCompilation.Create(example));
        var problems = run.OutputProblems.Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The first complete (starting with its usings) C# block of README.md that contains <paramref name="marker"/>.</summary>
    private static string Example(string marker)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var block = Regex.Matches(readme, "```csharp\n(?<code>using .*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups["code"].Value)
            .FirstOrDefault(code => code.Contains(marker, StringComparison.Ordinal));
        Assert.True(block is not null, $"README.md has no C# example that starts with its usings and contains '{marker}'.");
        return block;
    }
}
