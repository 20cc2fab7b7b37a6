using System;
using FuseGen.Catalog;
using FuseGen.Generators.Emit;
using FuseGen.SourceGeneration;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>Catalog templates: how they are written, what they say they need, and how their holes are filled.</summary>
public sealed class CodeExpanderTests
{
    private static readonly OperationDescriptor Readlink = OperationCatalog.Find("Readlink")!;

    [Fact]
    public void Template_keeps_text_and_typed_holes_apart()
    {
        var template = CodeTemplate.Of($"f({CodeHole.Native(1)}, {"x"}) {{ {CodeHole.Local} }}");

        Assert.Equal(new object[] { "f(", CodeHole.Native(1).Kind, ", x) { ", CodeHoleKind.Local, " }" }, Describe(template));
        Assert.False(template.UsesRequest);
        Assert.False(template.UsesCall);
    }

    [Fact]
    public void Template_says_what_it_uses()
    {
        Assert.True(CodeTemplate.Of($"{CodeHole.Request}.Context").UsesRequest);
        Assert.True(CodeTemplate.Of($"Check({CodeHole.Call})").UsesCall);
        Assert.True(CodeTemplate.Of($"{CodeHole.Failure}").UsesFailure);
        Assert.False(CodeTemplate.Of($"0").UsesCall);
    }

    [Fact]
    public void Template_rejects_arguments_that_are_neither_text_nor_holes()
    {
        var exception = Assert.Throws<ArgumentException>(() => CodeTemplate.Of($"f({42})"));

        Assert.Contains("Int32", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expander_fills_every_hole()
    {
        var template = CodeTemplate.Of($"{CodeHole.Request}.M<{CodeHole.HandleType}>({CodeHole.Native(0)}, {CodeHole.Native(1)}, ref {CodeHole.Local}, {CodeHole.Call}, {CodeHole.NativeOf(ParameterKinds.LinkBuffer, 1)}, {CodeHole.Failure})");

        var text = CodeExpander.Expand(template, new CodeExpansion
        {
            Operation = Readlink,
            SlotNatives = new[] { "a", "b" },
            Local = "__local",
            HandleType = "global::N.T",
            Call = "Call()",
            Request = "__request",
            Failure = "Fail()",
        });

        Assert.Equal("__request.M<global::N.T>(a, b, ref __local, Call(), size, Fail())", text);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("request")]
    [InlineData("native")]
    [InlineData("kind")]
    public void Expander_reports_a_hole_the_place_has_no_value_for(string hole)
    {
        var template = hole switch
        {
            "local" => CodeTemplate.Of($"ref {CodeHole.Local}"),
            "request" => CodeTemplate.Of($"{CodeHole.Request}.Context"),
            "native" => CodeTemplate.Of($"f({CodeHole.Native(2)})"),
            _ => CodeTemplate.Of($"f({CodeHole.NativeOf(ParameterKinds.XattrOutput, 0)})"),
        };

        var exception = Assert.Throws<InvalidOperationException>(() => CodeExpander.Expand(template, new CodeExpansion { Operation = Readlink, SlotNatives = new[] { "a" } }));

        Assert.Contains(template.ToString(), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Native_names_that_are_keywords_are_escaped()
    {
        Assert.Equal("@in", CSharpNames.Identifier("in"));
        Assert.Equal("fi", CSharpNames.Identifier("fi"));
    }

    private static object[] Describe(CodeTemplate template) =>
        Array.ConvertAll(System.Linq.Enumerable.ToArray(template.Parts), p => p is CodeHole hole ? hole.Kind : p);
}
