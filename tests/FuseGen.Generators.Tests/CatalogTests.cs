using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FuseGen.Catalog;
using FuseGen.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.Generators.Tests;

/// <summary>The operation catalog agrees with libfuse and with itself.</summary>
public sealed class CatalogTests
{
    private readonly ITestOutputHelper output;

    public CatalogTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Catalog_lists_the_44_members_of_fuse_operations_in_order()
    {
        Assert.Equal(44, OperationCatalog.All.Count);
        Assert.Equal(Enumerable.Range(0, 44), OperationCatalog.All.Select(o => o.Index));
        Assert.Equal(FuseGen.Marshalling.FuseOperations.Count, OperationCatalog.All.Count);
    }

    [Fact]
    public void Versions_follow_the_declaration_order()
    {
        var members = OperationCatalog.Members.ToList();

        Assert.Equal(OperationCatalog.All.Count + OperationCatalog.Unbound.Count, members.Count);
        Assert.All(members.Zip(members.Skip(1)), pair => Assert.True(pair.First.IntroducedIn <= pair.Second.IntroducedIn, $"{pair.Second.NativeName} ({pair.Second.IntroducedIn}) follows {pair.First.NativeName} ({pair.First.IntroducedIn})"));
        Assert.Equal(new Version(3, 4), OperationCatalog.Find("CopyFileRange")!.IntroducedIn);
        Assert.Equal(new Version(3, 8), OperationCatalog.Find("Lseek")!.IntroducedIn);
        Assert.Equal(new Version(3, 18), OperationCatalog.Find("Statx")!.IntroducedIn);
        Assert.Equal(new Version(3, 19), OperationCatalog.Find("Syncfs")!.IntroducedIn);
        Assert.Empty(OperationCatalog.Unbound);
    }

    [Theory]
    [InlineData(3, 0, 40)]
    [InlineData(3, 4, 41)]
    [InlineData(3, 14, 42)]
    [InlineData(3, 18, 43)]
    [InlineData(3, 19, 44)]
    public void Member_count_per_version(int major, int minor, int count)
    {
        Assert.Equal(count, OperationCatalog.MemberCount(new Version(major, minor)));
    }

    /// <summary>
    /// The installed fuse.h, and that of every build in <c>FUSEGEN_LIBFUSE_MATRIX</c> (libfuse install prefixes,
    /// colon-separated): each declares exactly the catalog's members up to its own version, in order.
    /// </summary>
    [Fact]
    public void Catalog_matches_fuse_h()
    {
        if (!File.Exists(FuseHeader.Path))
        {
            Assert.False(TestSwitches.RequireMount, $"{FuseHeader.Path} is missing and FUSEGEN_REQUIRE_MOUNT=1: install libfuse3-dev.");
            output.WriteLine($"Skipped: {FuseHeader.Path} is absent (install libfuse3-dev to compare the catalog with it).");
            return;
        }

        var matrix = (Environment.GetEnvironmentVariable("FUSEGEN_LIBFUSE_MATRIX") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in matrix.Select(prefix => Path.Combine(prefix, "include", "fuse3", "fuse.h")).Prepend(FuseHeader.Path))
        {
            // 3.17+ defines the version in libfuse_config.h, which fuse_common.h includes.
            var directory = Path.GetDirectoryName(path)!;
            var version = FuseHeader.Version(string.Concat(new[] { "fuse_common.h", "libfuse_config.h" }.Select(name => Path.Combine(directory, name)).Where(File.Exists).Select(File.ReadAllText)));
            var header = FuseHeader.ParseOperations(File.ReadAllText(path));
            var catalog = OperationCatalog.All.Where(o => o.IntroducedIn <= version).ToList();
            output.WriteLine($"{path}: libfuse {version}, {header.Count} members");

            Assert.Equal(header.Select(h => h.Name), catalog.Select(o => o.NativeName));
            foreach (var (declared, operation) in header.Zip(catalog))
            {
                Assert.True(Normalize(declared.ReturnType) == Normalize(operation.CReturnType), $"{operation.NativeName} returns {declared.ReturnType} in {path}, {operation.CReturnType} in the catalog");
                Assert.True(declared.ParameterCount == operation.NativeParameters.Count, $"{operation.NativeName} has {declared.ParameterCount} parameters in {path}, {operation.NativeParameters.Count} in the catalog");
            }
        }
    }

    [Fact]
    public void Header_parser_follows_the_version_conditionals()
    {
        const string Header = """
            struct fuse_operations {
                /** getattr (*not a member*) */
                int (*getattr) (const char *, struct stat *, struct fuse_file_info *fi);
            #if FUSE_USE_VERSION < 35
                int (*ioctl) (const char *, int cmd, void *arg);
            #else
                int (*ioctl) (const char *, unsigned int cmd, void *arg,
                              struct fuse_file_info *, unsigned int flags, void *data);
            #endif
                void *(*init) (struct fuse_conn_info *conn,
                               struct fuse_config *cfg);
            };
            """;

        Assert.Equal(
            new[] { new HeaderOperation("getattr", "int", 3), new HeaderOperation("ioctl", "int", 6), new HeaderOperation("init", "void *", 2) },
            FuseHeader.ParseOperations(Header));
    }

    [Fact]
    public void Names_are_unique()
    {
        AssertUnique(OperationCatalog.All.Select(o => o.Name), "operation name");
        AssertUnique(OperationCatalog.All.Select(o => o.NativeName), "native name");
    }

    [Fact]
    public void Slots_are_made_of_the_operations_native_parameters()
    {
        foreach (var operation in OperationCatalog.All)
        {
            var natives = operation.NativeParameters.Select(p => p.Name).ToList();
            AssertUnique(natives, operation.NativeName + " native parameter");
            foreach (var slot in operation.Slots)
            {
                Assert.NotEmpty(slot.NativeNames);
                Assert.All(slot.NativeNames, name => Assert.True(natives.Contains(name), $"{operation.NativeName}: slot '{slot.Name}' uses '{name}', which is not a native parameter"));
                foreach (var shape in slot.Kind.Shapes)
                {
                    // Templates refer to the slot's native parameters by position.
                    var positions = new[] { shape.Setup, shape.Argument, shape.OnSuccess, slot.Kind.CleanupWhenAbsent }
                        .SelectMany(template => template?.Holes ?? Enumerable.Empty<CodeHole>())
                        .Where(hole => hole.Kind == CodeHoleKind.SlotNative)
                        .Select(hole => hole.Index);
                    Assert.All(positions, i => Assert.True(i < slot.NativeNames.Count, $"{operation.NativeName}: shape {shape.Id} refers to native {i} but slot '{slot.Name}' has {slot.NativeNames.Count} native parameters"));
                }
            }

            var unused = natives.Except(operation.Slots.SelectMany(s => s.NativeNames)).ToList();
            Assert.True(unused.Count == 0, $"{operation.NativeName}: no slot uses {string.Join(", ", unused)}");
            AssertUnique(operation.Slots.Select(s => s.Name), operation.NativeName + " slot name");
        }
    }

    [Fact]
    public void Result_templates_reach_only_slots_their_operations_have()
    {
        foreach (var operation in OperationCatalog.All)
        {
            var holes = operation.Result.Shapes.SelectMany(r => r.Result?.Holes ?? Enumerable.Empty<CodeHole>())
                .Where(hole => hole.Kind == CodeHoleKind.KindNative);
            foreach (var hole in holes)
            {
                var slot = operation.Slots.FirstOrDefault(s => s.Kind == hole.SlotKind);
                Assert.True(slot is not null && hole.Index < slot.NativeNames.Count, $"{operation.NativeName}: a return shape writes into {hole}, which the operation does not have");
            }
        }
    }

    [Fact]
    public void Shape_ids_are_unique()
    {
        var kinds = OperationCatalog.All.SelectMany(o => o.Slots).Select(s => s.Kind).Distinct();
        var parameterShapes = kinds.SelectMany(k => k.Shapes).Concat(AmbientParameters.All).Distinct().Select(s => s.Id);
        var returnShapes = OperationCatalog.All.Select(o => o.Result).Distinct().SelectMany(r => r.Shapes).Distinct().Select(s => s.Id);

        AssertUnique(parameterShapes.Concat(returnShapes), "shape id");
        AssertUnique(kinds.Select(k => k.Id), "parameter kind id");
    }

    [Fact]
    public void Return_shapes_require_only_kinds_their_operations_have()
    {
        foreach (var operation in OperationCatalog.All)
        {
            foreach (var shape in operation.Result.Shapes.Where(s => s.RequiresKind is not null))
            {
                Assert.True(operation.Slots.Any(s => s.Kind.Id == shape.RequiresKind), $"{operation.NativeName}: return shape {shape.Id} requires a '{shape.RequiresKind}' slot");
            }
        }
    }

    [Fact]
    public void Canonical_signature_of_every_bindable_operation_binds()
    {
        var bindable = OperationCatalog.All.Where(o => o.IsBindable).ToList();
        var methods = bindable.Select(o => $"    [{o.Name}] private static {o.CanonicalSignature(o.Name)} => throw new NotImplementedException();");
        var source = "using System;\nusing System.Collections.Generic;\nusing FuseGen;\nusing UnixFileMode = System.IO.UnixFileMode;\n\n" +
            "[FuseFileSystem]\ninternal sealed partial class Canonical\n{\n" + string.Join("\n", methods) + "\n}\n";

        var run = GeneratorRunner.Run(source);

        Assert.Empty(run.InputErrors);
        Assert.Equal(bindable.Select(o => o.NativeName), run.BoundNativeNames);
        Assert.Empty(run.OutputProblems);
        Assert.True(bindable.Count >= 30, $"only {bindable.Count} operations are bindable");
    }

    private static string Normalize(string type) => Regex.Replace(type, @"\s+", "");

    private static void AssertUnique(System.Collections.Generic.IEnumerable<string> values, string what)
    {
        var duplicates = values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Duplicate {what}: {string.Join(", ", duplicates)}");
    }
}
