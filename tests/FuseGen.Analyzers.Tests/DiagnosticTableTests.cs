extern alias codefixes;

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using FuseGen.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace FuseGen.Analyzers.Tests;

/// <summary>The README's diagnostics table is the descriptors, rendered; every help link lands on it.</summary>
public class DiagnosticTableTests
{
    private const string Begin = "<!-- diagnostics:begin -->\n";
    private const string End = "<!-- diagnostics:end -->";

    [Fact]
    public void The_readme_table_is_rendered_from_the_descriptors()
    {
        var path = ReadmePath();
        var readme = File.ReadAllText(path);
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md needs a section between '{Begin.Trim()}' and '{End}'.");

        var expected = DiagnosticTable.RenderMarkdown();
        var actual = readme.Substring(start + Begin.Length, end - start - Begin.Length);
        if (actual != expected && Environment.GetEnvironmentVariable("FUSEGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, readme.Substring(0, start + Begin.Length) + expected + readme.Substring(end));
            return;
        }

        Assert.True(actual == expected, "README.md's diagnostics table is out of date; run the tests with FUSEGEN_ACCEPT_SNAPSHOTS=1 to rewrite it. Expected:\n" + expected);
    }

    /// <summary>
    /// FuseGen has no web site: a help link would lead nowhere, so there is none, and each id is documented by its row
    /// (with an anchor) in the README, which the package carries.
    /// </summary>
    [Fact]
    public void No_help_link_and_every_id_has_an_anchor_in_the_readme()
    {
        var readme = File.ReadAllText(ReadmePath());
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Equal("", descriptor.HelpLinkUri);
            Assert.Contains($"<a id=\"{DiagnosticTable.Anchor(descriptor.Id)}\"></a>{descriptor.Id}", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_table_lists_every_descriptor_the_analyzer_reports()
    {
        var declared = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id);
        var ids = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

        Assert.Equal(ids.Order(), DiagnosticDescriptors.All.Select(d => d.Id).Order());
        Assert.Equal(declared.Order(), DiagnosticDescriptors.All.Select(d => d.Id).Order());
        Assert.Equal(DiagnosticDescriptors.All, new FileSystemAnalyzer().SupportedDiagnostics);
        Assert.All(DiagnosticDescriptors.All, d => Assert.Contains($"{d.Id} |", DiagnosticTable.RenderMarkdown(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_code_fix_column_matches_the_code_fix_providers()
    {
        var fixable = typeof(codefixes::FuseGen.CodeFixes.FixSignatureCodeFix).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .Distinct();

        Assert.Equal(fixable.Order(), DiagnosticTable.CodeFixes.Keys.Order());
    }

    private static string ReadmePath() => Path.Combine(RepositoryPaths.Root, "README.md");
}
