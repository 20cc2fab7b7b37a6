using System.Linq;
using FuseGen.Catalog;
using FuseGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>The generated source of every input, compared with its checked-in snapshot.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [MemberData(nameof(Inputs.All), MemberType = typeof(Inputs))]
    public void Generated_source_matches_snapshot(string input)
    {
        var run = Inputs.Run(input);

        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Diagnostics);
        Snapshot.Verify(input, run.SingleSource.SourceText.ToString());
    }

    [Theory]
    [InlineData(Inputs.HelloFs, "HelloFs.HelloFs.FuseGen.g.cs")]
    [InlineData(Inputs.InstanceFs, "Samples.Memory.InstanceFs.FuseGen.g.cs")]
    [InlineData(Inputs.NestedFs, "Contoso.Storage.Links.Mounts.Registry.LinkFs.FuseGen.g.cs")]
    [InlineData(Inputs.GlobalFs, "GlobalFs.FuseGen.g.cs")]
    [InlineData(Inputs.AllOperationsFs, "Samples.Complete.AllOperationsFs.FuseGen.g.cs")]
    public void Hint_name_is_the_full_type_name(string input, string hintName)
    {
        Assert.Equal(hintName, Inputs.Run(input).SingleSource.HintName);
    }

    [Fact]
    public void Version_is_masked_in_snapshots()
    {
        var generated = Inputs.Run(Inputs.HelloFs).SingleSource.SourceText.ToString();

        Assert.Contains($"\"{ThisAssembly.Version}\"", generated, System.StringComparison.Ordinal);
        Assert.Contains("\"{version}\"", Snapshot.Mask(generated), System.StringComparison.Ordinal);
    }

    [Fact]
    public void First_difference_names_the_line()
    {
        Assert.Equal("at line 2: expected \"b\" but got \"c\"", Snapshot.FirstDifference("a\nb\n", "a\nc\n"));
        Assert.Equal("at line 3: expected end of file but got \"d\"", Snapshot.FirstDifference("a\nb", "a\nb\nd"));
    }

    [Fact]
    public void All_operations_input_binds_every_bindable_operation()
    {
        var bound = Inputs.Run(Inputs.AllOperationsFs).BoundNativeNames;

        var missing = OperationCatalog.All.Where(o => o.IsBindable && !bound.Contains(o.NativeName)).Select(o => o.Name).ToList();
        Assert.True(missing.Count == 0, "Not bound by Inputs/AllOperationsFs.cs: " + string.Join(", ", missing));
    }

    [Fact]
    public void Inputs_exercise_every_shape_of_the_catalog()
    {
        var used = Inputs.Names
            .SelectMany(input => Inputs.Run(input).Models)
            .SelectMany(model => model.Operations)
            .SelectMany(operation => operation.Arguments.Select(a => a.ShapeId).Append(operation.ReturnShapeId))
            .ToHashSet();

        var declared = OperationCatalog.All
            .Where(o => o.IsBindable)
            .SelectMany(o => o.Slots.SelectMany(s => s.Kind.Shapes.Select(shape => shape.Id)).Concat(o.Result.Shapes.Select(r => r.Id)))
            .Concat(AmbientParameters.All.Select(a => a.Id));
        var unused = declared.Where(id => !used.Contains(id)).Distinct().ToList();
        Assert.True(unused.Count == 0, "No input under Inputs/ uses these shapes: " + string.Join(", ", unused));
    }

    [Fact]
    public void Inode_input_binds_every_bindable_inode_operation()
    {
        var bound = Inputs.Run(Inputs.InodeFs).BoundNativeNames;

        var missing = ApiCatalog.Inode.All.Where(o => o.IsBindable && !bound.Contains(o.NativeName)).Select(o => o.Name).ToList();
        Assert.True(missing.Count == 0, "Not bound by Inputs/InodeFs.cs: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_misbehaving_inode_filesystem_binds_every_bindable_inode_operation()
    {
        // FuseGen.Tests' exactly-one-reply test calls every entry point of this filesystem: a new operation of the
        // catalog fails here until it is bound there, and is then covered without touching the test.
        var path = System.IO.Path.Combine(TestPaths.RepositoryRoot, "tests", "FuseGen.Testing", "InodeApi", "MisbehavingInodeFs.cs");
        var bound = GeneratorRunner.Run(System.IO.File.ReadAllText(path)).BoundNativeNames;

        var missing = ApiCatalog.Inode.All.Where(o => o.IsBindable && !bound.Contains(o.NativeName)).Select(o => o.Name).ToList();
        Assert.True(missing.Count == 0, "Not bound by tests/FuseGen.Testing/InodeApi/MisbehavingInodeFs.cs: " + string.Join(", ", missing));
    }

    [Fact]
    public void Inode_inputs_exercise_every_shape_only_the_inode_api_has()
    {
        // The kinds both APIs share are covered by the path inputs above; these are the inode API's own.
        var used = Inputs.InodeNames
            .SelectMany(input => Inputs.Run(input).Models)
            .SelectMany(model => model.Operations)
            .SelectMany(operation => operation.Arguments.Select(a => a.ShapeId).Append(operation.ReturnShapeId))
            .ToHashSet();

        var inodeKinds = typeof(InodeParameterKinds).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<ParameterKind>().ToHashSet();
        Assert.True(inodeKinds.Count >= 20, $"only {inodeKinds.Count} inode parameter kinds found");
        var declared = ApiCatalog.Inode.All
            .Where(o => o.IsBindable)
            .SelectMany(o => o.Slots.Where(s => inodeKinds.Contains(s.Kind))
                .SelectMany(s => s.Kind.Shapes.Select(shape => shape.Id)).Concat(o.Result.Shapes.Select(r => r.Id)));
        var unused = declared.Where(id => !used.Contains(id)).Distinct().ToList();
        Assert.True(unused.Count == 0, "No inode input uses these shapes: " + string.Join(", ", unused));
    }

    [Theory]
    [MemberData(nameof(Inputs.All), MemberType = typeof(Inputs))]
    public void Every_attributed_method_of_an_input_is_bound(string input)
    {
        // Inputs are valid filesystems: a method the generator skips means the input (or the generator) is wrong.
        var run = Inputs.Run(input);
        var model = run.Models.Single();
        var attributed = run.Input.SyntaxTrees.Single().GetRoot().DescendantNodes()
            .OfType<MethodDeclarationSyntax>()
            .Where(m => m.AttributeLists.Count > 0)
            .Select(m => m.Identifier.Text);

        Assert.Equal(attributed.Order(), model.Operations.Select(o => o.MethodName).Order());
    }
}
