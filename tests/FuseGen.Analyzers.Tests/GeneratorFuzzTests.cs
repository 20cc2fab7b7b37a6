using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Fuzz;
using FuseGen.Catalog;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.Analyzers.Tests;

/// <summary>
/// The generator never crashes and never emits broken code, and whatever it leaves unbound the analyzer reports:
/// first on every valid shape in the catalog, then on seeded random mutations of them.
/// </summary>
public class GeneratorFuzzTests
{
    /// <summary>Change with FUSEGEN_FUZZ_SEED; FUSEGEN_FUZZ_VARIANTS runs more (or fewer) variants.</summary>
    private const int DefaultSeed = 20250611;
    private const int DefaultVariants = 1200;
    private const int BatchSize = 40;
    private const int ReportedFailures = 8;

    private readonly ITestOutputHelper _output;

    public GeneratorFuzzTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Operations => OperationCatalog.All.Where(o => o.IsBindable).Select(o => new object[] { o.Name });

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_catalog_shape_is_accepted_and_bound(string name)
    {
        var specs = BaseSignatures.For(OperationCatalog.Find(name)!)
            .Select((method, i) => new FileSystemSpec(i, TypeShape.Normal, ImmutableList.Create(method), ImmutableList<string>.Empty))
            .ToList();
        var result = await GeneratorCheck.RunAsync(specs);

        Assert.True(result.Failures.Count == 0, GeneratorCheck.Report(result.Failures, ReportedFailures));
        Assert.Equal(0, result.FuseDiagnostics);
        Assert.Equal(specs.Count, result.Bound);
    }

    [Fact]
    [Trait(TestCategories.Category, TestCategories.Slow)]
    public async Task Mutated_signatures_never_break_the_generator()
    {
        var seed = Setting("FUSEGEN_FUZZ_SEED", DefaultSeed);
        var count = Setting("FUSEGEN_FUZZ_VARIANTS", DefaultVariants);
        var specs = Variants(seed, count);
        var clock = Stopwatch.StartNew();

        var failures = new List<Failure>();
        int bound = 0, skipped = 0;
        foreach (var batch in specs.Chunk(BatchSize))
        {
            var result = await GeneratorCheck.RunAsync(batch);
            failures.AddRange(result.Failures);
            bound += result.Bound;
            skipped += result.Skipped;
        }

        _output.WriteLine($"seed {seed}: {count} filesystems, {bound} methods bound, {skipped} skipped, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, $"{failures.Count} problems (seed {seed}):\n" + GeneratorCheck.Report(failures, ReportedFailures));

        // A mutator that only broke signatures, or never did, would prove little.
        Assert.InRange(bound, count / 10, count * 9 / 10);
    }

    private static List<FileSystemSpec> Variants(int seed, int count)
    {
        var random = new Random(seed);
        var mutator = new SignatureMutator(random);
        var bases = BaseSignatures.All().Select(x => x.Method).ToList();
        var shapes = Enum.GetValues<TypeShape>().Where(s => s != TypeShape.Normal).ToList();
        var specs = new List<FileSystemSpec>();
        for (var i = 0; i < count; i++)
        {
            var (method, applied) = mutator.Mutate(mutator.Pick(bases));
            var mutations = applied.ToList();
            var methods = ImmutableList.Create(method);
            if (random.Next(8) == 0)
            {
                var second = mutator.Pick(bases);
                methods = methods.Add(second with { Name = second.Name + "Second" });
                mutations.Add("a second method");
            }

            if (random.Next(10) == 0)
            {
                methods = methods.Add(method with { Name = method.Name == "@event" ? "@class" : method.Name + "Copy" });
                mutations.Add("a copy of the method");
            }

            if (random.Next(10) == 0)
            {
                // Same name, no attribute: the generated call must still reach the attributed method.
                var overload = method.Parameters.Count > 0 && random.Next(2) == 0
                    ? method.Parameters.SetItem(0, method.Parameters[0] with { Type = "object", RefKind = "" })
                    : method.Parameters.Add(new ParameterSpec("", "int", "overloadExtra", "0"));
                methods = methods.Add(method with { Operations = ImmutableList<string>.Empty, Parameters = overload, ExtraAttribute = "" });
                mutations.Add("an overload");
            }

            var shape = random.Next(5) == 0 ? mutator.Pick(shapes) : TypeShape.Normal;
            if (shape == TypeShape.Static)
            {
                methods = methods.Select(m => m with { IsStatic = true }).ToImmutableList();
            }

            specs.Add(new FileSystemSpec(i, shape, methods, mutations.ToImmutableList()));
        }

        return specs;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
