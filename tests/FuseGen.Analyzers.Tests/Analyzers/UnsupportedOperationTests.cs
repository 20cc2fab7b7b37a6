using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using FuseGen.Catalog;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>
/// FUSE007 is for operations without managed shapes. Every operation of both catalogs (path and inode) is bindable
/// today, so these tests pin that down: a catalog row added without shapes fails here first.
/// </summary>
public class UnsupportedOperationTests
{
    public static IEnumerable<object[]> Operations => OperationCatalog.All.Select(o => new object[] { o.Name });

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_operation_is_bindable(string name) =>
        Assert.True(OperationCatalog.Find(name)!.IsBindable, $"[{name}] has no managed shapes: FUSE007 would be reported for it.");

    public static IEnumerable<object[]> InodeOperations => ApiCatalog.Inode.All.Select(o => new object[] { o.Name });

    [Theory]
    [MemberData(nameof(InodeOperations))]
    public void Every_inode_operation_is_bindable(string name) =>
        Assert.True(ApiCatalog.Inode.Find(name)!.IsBindable, $"inode [{name}] has no managed shapes: FUSE007 would be reported for it.");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task No_operation_draws_FUSE007(string name)
    {
        var diagnostics = await TestCompilation.AnalyzeAsync(TestCompilation.Create(Sources.FileSystem($"[{name}]\nvoid M() {{ }}")));
        Assert.DoesNotContain(diagnostics, d => d.Id == DiagnosticIds.UnsupportedOperation);
    }
}
