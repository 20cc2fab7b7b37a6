using System;
using System.IO;
using System.Linq;
using FuseGen.Catalog;
using FuseGen.Generators.Tests.Infrastructure;
using FuseGen.Markdown;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>README.md's operation table is the one the catalog renders.</summary>
public sealed class OperationTableTests
{
    [Theory]
    [InlineData("operations", "path")]
    [InlineData("inode-operations", "inode")]
    public void Readme_contains_the_rendered_table(string section, string api)
    {
        var beginMarker = $"<!-- {section}:begin -->";
        var endMarker = $"<!-- {section}:end -->";
        var path = Path.Combine(TestPaths.RepositoryRoot, "README.md");
        var readme = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf(beginMarker + "\n", StringComparison.Ordinal);
        var end = readme.IndexOf("\n" + endMarker + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0 && end >= start, $"README.md needs the lines '{beginMarker}' and '{endMarker}' around the operation table.");

        var sectionStart = start + beginMarker.Length + 1;
        var current = readme[sectionStart..(end + 1)];
        var rendered = OperationTableMarkdown.RenderMarkdown(ApiCatalog.For(api));
        if (current == rendered)
        {
            return;
        }

        if (TestSwitches.AcceptSnapshots)
        {
            File.WriteAllText(path, readme[..sectionStart] + rendered + readme[(end + 1)..]);
            return;
        }

        Assert.Fail($"README.md's operation table is out of date {Snapshot.FirstDifference(current, rendered)} (counting from the begin marker). " +
            "Run the tests with FUSEGEN_ACCEPT_SNAPSHOTS=1 to rewrite it.");
    }

    [Fact]
    public void Table_has_one_single_line_row_per_operation()
    {
        var lines = OperationTableMarkdown.RenderMarkdown().TrimEnd('\n').Split('\n');

        Assert.Equal(2 + OperationCatalog.All.Count, lines.Length);
        Assert.Equal("| Attribute | libfuse member | Accepted signature | When not implemented |", lines[0]);
        foreach (var (line, operation) in lines.Skip(2).Zip(OperationCatalog.All))
        {
            Assert.StartsWith($"| `[{operation.Name}]` | `{operation.NativeName}` | ", line, StringComparison.Ordinal);
            Assert.Equal(5, line.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|'));
        }
    }

    [Fact]
    public void Rows_show_canonical_signature_and_alternatives()
    {
        var rows = OperationTableMarkdown.RenderMarkdown().Split('\n');
        var getattr = rows.Single(r => r.StartsWith("| `[Getattr]`", StringComparison.Ordinal));
        var readlink = rows.Single(r => r.StartsWith("| `[Readlink]`", StringComparison.Ordinal));
        var open = rows.Single(r => r.StartsWith("| `[Open]`", StringComparison.Ordinal));

        Assert.Contains("`Errno Getattr(ReadOnlySpan<byte> path, ref Stat stat, ref FileInfo fileInfo)`", getattr, StringComparison.Ordinal);
        Assert.Contains("`ref Stat stat` or `out Stat stat`", getattr, StringComparison.Ordinal);
        Assert.Contains("returns `Errno`, `int` or `void`", getattr, StringComparison.Ordinal);
        Assert.Contains("`ReadOnlySpan<byte> Readlink(ReadOnlySpan<byte> path)`", readlink, StringComparison.Ordinal);
        Assert.Contains("`int` with `Span<byte> buffer`", readlink, StringComparison.Ordinal);
        Assert.DoesNotContain("`Span<byte> buffer` (may be left out)", readlink, StringComparison.Ordinal);
        Assert.Contains("returns `Errno`, `int`, `void` or `THandle`", open, StringComparison.Ordinal);
        Assert.DoesNotContain("THandle", getattr.Split("<br>")[0], StringComparison.Ordinal);
        Assert.DoesNotContain(rows, row => row.Contains("*not supported yet*", StringComparison.Ordinal));
        var ioctl = rows.Single(r => r.StartsWith("| `[Ioctl]`", StringComparison.Ordinal));
        Assert.Contains(OperationCatalog.Find("Ioctl")!.WhenAbsent, ioctl, StringComparison.Ordinal);
    }
}
