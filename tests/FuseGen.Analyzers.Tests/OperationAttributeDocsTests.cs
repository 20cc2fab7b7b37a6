using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace FuseGen.Analyzers.Tests;

/// <summary>
/// The operation attributes' XML docs as IntelliSense shows them from the package (FuseGen.xml next to FuseGen.dll):
/// what a newcomer on the inode API reads instead of the README.
/// </summary>
public sealed class OperationAttributeDocsTests
{
    private static readonly Lazy<XDocument> Docs = new(() =>
        XDocument.Load(Path.ChangeExtension(typeof(Errno).Assembly.Location, ".xml")));

    [Fact]
    public void An_inode_only_operation_says_it_is_only_on_an_inode_filesystem()
    {
        var lookup = Remarks("T:FuseGen.LookupAttribute");

        Assert.Contains("Only on a [FuseInodeFileSystem] class: a [FuseFileSystem] class has no such operation.", lookup, StringComparison.Ordinal);
    }

    [Fact]
    public void No_paragraph_ends_at_its_colon()
    {
        var empty = Docs.Value.Descendants("para").Where(p => p.Value.TrimEnd().EndsWith(':')).Select(p => p.Parent!.Parent!.Attribute("name")!.Value);

        Assert.Empty(empty);
    }

    [Theory]
    [InlineData("T:FuseGen.ReadAttribute", "Async: returns ValueTask<int> or Task<int> instead, and may take a CancellationToken")]
    [InlineData("T:FuseGen.LookupAttribute", "Async: returns ValueTask<InodeEntry> or Task<InodeEntry> instead")]
    [InlineData("T:FuseGen.UnlinkAttribute", "Async: returns ValueTask<Errno> or Task<Errno>, ValueTask<int> or Task<int>, ValueTask or Task instead")]
    public void Inode_operations_name_their_task_forms(string attribute, string expected) =>
        Assert.Contains(expected, Remarks(attribute), StringComparison.Ordinal);

    [Fact]
    public void Path_operations_have_no_task_forms()
    {
        var statfs = Remarks("T:FuseGen.StatfsAttribute");
        var pathPart = statfs[..statfs.IndexOf("On a [FuseInodeFileSystem] class", StringComparison.Ordinal)];

        Assert.DoesNotContain("Async", pathPart, StringComparison.Ordinal);
    }

    private static string Remarks(string member) =>
        Docs.Value.Descendants("member").Single(m => m.Attribute("name")?.Value == member).Element("remarks")!.Value;
}
