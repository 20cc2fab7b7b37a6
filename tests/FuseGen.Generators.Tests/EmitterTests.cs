using System;
using System.Linq;
using FuseGen.Catalog;
using FuseGen.Generators.Emit;
using FuseGen.Generators.Helpers;
using FuseGen.Generators.Model;
using FuseGen.Generators.Tests.Infrastructure;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>The emitter on its own: it writes what a hand-built model says, without a parser or a compilation.</summary>
public sealed class EmitterTests
{
    private static readonly FileSystemModel HandBuilt = new(
        "Samples.Emitter",
        new EquatableArray<ContainingTypeModel>(new[] { new ContainingTypeModel("class", "Outer") }),
        "HandBuiltFs",
        "class",
        "global::Samples.Emitter.Outer.HandBuiltFs",
        "Samples.Emitter.Outer.HandBuiltFs.FuseGen.g.cs",
        new EquatableArray<OperationModel>(new[]
        {
            // Static, with the ambient context: the request local exists and failures go through it.
            new OperationModel("Getattr", "__FuseGen_getattr", "GetAttributes", true, "status.errno",
                Arguments(("path.span", 0, null), ("stat.ref", 1, null), ("context", -1, null)),
                DeclaresRequest: true, FailsThroughRequest: true, null, Empty, Measured: true, FaultPath: "path"),
            // Instance, returning a handle.
            new OperationModel("Open", "__FuseGen_open", "Open", false, "open.handle",
                Arguments(("path.string", 0, null)),
                DeclaresRequest: true, FailsThroughRequest: true, null, Empty, Measured: true, FaultPath: "path"),
            // Static, taking the handle.
            new OperationModel("Read", "__FuseGen_read", "Read", true, "count.int",
                Arguments(("read-buffer.span", 1, null), ("offset.long", 2, null), ("handle.object", 4, "global::Samples.Emitter.Node")),
                DeclaresRequest: true, FailsThroughRequest: true, null, Empty, Measured: true, FaultPath: "path"),
            // Static, leaving out the poll handle (disposed in finally): no request local, failures go through FuseRequest.Current;
            // not measured and no path in its fault reports, as the model says (the parser measures every request).
            new OperationModel("Poll", "__FuseGen_poll", "Poll", true, "status.void",
                Arguments(("poll-events.ref", 4, null)),
                DeclaresRequest: false, FailsThroughRequest: false, null, new EquatableArray<int>(new[] { 3 }), Measured: false, FaultPath: null),
        }),
        new EquatableArray<SynthesizedReleaseModel>(new[] { new SynthesizedReleaseModel("Release", "__FuseGen_release", new HandleReleaseModel("fi", Dispose: true), Measured: true, FaultPath: "path") }),
        new EquatableArray<TableEntryModel>(new[]
        {
            new TableEntryModel("getattr", "__FuseGen_getattr"),
            new TableEntryModel("open", "__FuseGen_open"),
            new TableEntryModel("read", "__FuseGen_read"),
            new TableEntryModel("release", "__FuseGen_release"),
            new TableEntryModel("poll", "__FuseGen_poll"),
        }),
        CreatesFileHandles: true,
        CreatesDirectoryHandles: false);

    private static EquatableArray<int> Empty => new(Array.Empty<int>());

    [Fact]
    public void Hand_built_model_matches_snapshot()
    {
        Snapshot.Verify("HandBuiltModel", FileSystemEmitter.Emit(HandBuilt));
    }

    [Fact]
    public void Emitter_writes_the_models_decisions_not_its_own()
    {
        var released = HandBuilt with
        {
            Operations = new EquatableArray<OperationModel>(HandBuilt.Operations.Select(o => o.Operation == "Read" ? o with { HandleRelease = new HandleReleaseModel("fi", Dispose: false) } : o)),
            SynthesizedReleases = new EquatableArray<SynthesizedReleaseModel>(Array.Empty<SynthesizedReleaseModel>()),
        };

        var text = FileSystemEmitter.Emit(released);

        Assert.Contains("__request.FreeHandle(fi, dispose: false);", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dispose: true", text, StringComparison.Ordinal);
        Assert.Contains("operations->release = &__FuseGen_release;", text, StringComparison.Ordinal); // the table is the model's too
    }

    [Fact]
    public void Emitter_measures_and_reports_paths_where_the_model_says()
    {
        var text = FileSystemEmitter.Emit(HandBuilt);
        var getattr = Between(text, "__FuseGen_getattr(", "/// <summary>");
        var poll = Between(text, "__FuseGen_poll(", "/// <summary>");

        Assert.Contains("long __start = global::FuseGen.Marshalling.RequestMetrics.Start(\"getattr\");", getattr, StringComparison.Ordinal);
        Assert.Contains("return global::FuseGen.Marshalling.RequestMetrics.Stop(\"getattr\", __start, __result);", getattr, StringComparison.Ordinal);
        Assert.Contains("return global::FuseGen.Marshalling.RequestMetrics.Stop(\"getattr\", __start, __request.Fail(__exception, \"getattr\", path));", getattr, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestMetrics", poll, StringComparison.Ordinal);
        Assert.Contains("Fail(__exception, \"poll\")", poll, StringComparison.Ordinal);
    }

    /// <summary>The text from <paramref name="start"/> to the next <paramref name="end"/> (or the end).</summary>
    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? text.Substring(from) : text.Substring(from, to - from);
    }

    private static EquatableArray<ArgumentModel> Arguments(params (string Shape, int Slot, string? Type)[] arguments) =>
        new(arguments.Select(a => new ArgumentModel(a.Shape, a.Slot, a.Type)));
}
