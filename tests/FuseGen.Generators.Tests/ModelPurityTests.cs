using System;
using System.Linq;
using FuseGen.Generators.Model;
using FuseGen.Generators.Tests.Infrastructure;
using FuseGen.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>The pipeline model holds values only and compares by value, or incremental caching cannot work.</summary>
public sealed class ModelPurityTests
{
    [Theory]
    [MemberData(nameof(Inputs.All), MemberType = typeof(Inputs))]
    public void Model_holds_no_roslyn_objects(string input)
    {
        var model = Model(Inputs.Run(input));

        var types = ModelWalker.Walk(model);

        Assert.Contains(typeof(OperationModel), types);
        Assert.Contains(typeof(ArgumentModel), types);
    }

    [Theory]
    [MemberData(nameof(Inputs.All), MemberType = typeof(Inputs))]
    public void Identical_sources_give_equal_models(string input)
    {
        var first = Model(Inputs.Run(input));
        var second = Model(Inputs.Run(input));

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Different_sources_give_different_models()
    {
        var hello = Model(Inputs.Run(Inputs.HelloFs));
        var changed = Model(GeneratorRunner.Run(Inputs.Read(Inputs.HelloFs).Replace("private static int Read(", "private static int ReadFile(", StringComparison.Ordinal)));

        Assert.NotEqual(hello, changed);
        Assert.Equal(hello with { Operations = changed.Operations }, changed);
    }

    [Fact]
    public void Walker_rejects_roslyn_objects_and_unknown_types()
    {
        // Guards the tests above: a walker that never throws would pass them vacuously.
        var location = Assert.Throws<InvalidOperationException>(() => ModelWalker.Walk(new object[] { Location.None }));
        var compilation = Assert.Throws<InvalidOperationException>(() => ModelWalker.Walk(new object[] { GeneratorRunner.Compile() }));
        var unknown = Assert.Throws<InvalidOperationException>(() => ModelWalker.Walk(new object[] { new System.Text.StringBuilder() }));

        Assert.Contains(nameof(Location), location.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(Compilation), compilation.Message, StringComparison.Ordinal);
        Assert.Contains("not known to compare by value", unknown.Message, StringComparison.Ordinal);
    }

    private static FileSystemModel Model(GeneratorRun run) => Assert.Single(run.Models);
}
