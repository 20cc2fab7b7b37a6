using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace FuseGen.Packaging.Tests;

[Collection(PackageCollection.Name)]
public sealed class PackageContentsTests(PackageFeed feed)
{
    [Fact]
    public void Package_holds_exactly_the_runtime_the_roslyn_components_the_readme_and_the_build_props()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("FuseGen"));
        var files = Files(package);

        Assert.Equal(
            new[]
            {
                "FuseGen.nuspec",
                "README.md",
                "analyzers/dotnet/cs/FuseGen.Analyzers.dll",
                "analyzers/dotnet/cs/FuseGen.CodeFixes.dll",
                "analyzers/dotnet/cs/FuseGen.Generators.dll",
                "build/FuseGen.props",
                "buildTransitive/FuseGen.props",
                "lib/net8.0/FuseGen.dll",
                "lib/net8.0/FuseGen.xml",
            },
            files);
    }

    [Fact]
    public void Nuspec_carries_the_metadata_users_see()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("FuseGen"));
        using var stream = package.GetEntry("FuseGen.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("FuseGen", Value("id"));
        Assert.Equal(PackageFeed.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("authors")));
        Assert.Contains("libfuse3", Value("description"));
        Assert.Contains("fuse", Value("tags").Split(' '));
        Assert.Equal("git", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("type")!.Value);

        // Consumers need nothing else: no package dependencies (Roslyn is the compiler's own).
        var dependencies = metadata.Elements().Where(e => e.Name.LocalName == "dependencies").SelectMany(e => e.Descendants()).Where(e => e.Name.LocalName == "dependency");
        Assert.Empty(dependencies);
    }

    [Fact]
    public void Logging_package_holds_only_its_assembly_and_depends_on_this_FuseGen_and_the_logging_abstractions()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("FuseGen.Extensions.Logging"));
        var files = Files(package);
        Assert.Equal(
            new[]
            {
                "FuseGen.Extensions.Logging.nuspec",
                "README.md",
                "lib/net8.0/FuseGen.Extensions.Logging.dll",
                "lib/net8.0/FuseGen.Extensions.Logging.xml",
            },
            files);

        using var stream = package.GetEntry("FuseGen.Extensions.Logging.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal(PackageFeed.Version, metadata.Elements().Single(e => e.Name.LocalName == "version").Value);
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (Id: e.Attribute("id")!.Value, Version: e.Attribute("version")!.Value))
            .OrderBy(d => d.Id, System.StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(2, dependencies.Length);
        Assert.Equal(("FuseGen", PackageFeed.Version), dependencies[0]);
        Assert.Equal("Microsoft.Extensions.Logging.Abstractions", dependencies[1].Id);
        Assert.True(File.Exists(Path.ChangeExtension(feed.PackagePath("FuseGen.Extensions.Logging"), ".snupkg")));
    }

    [Fact]
    public void Testing_package_holds_only_its_documented_assembly_and_requires_exactly_this_FuseGen()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("FuseGen.Testing"));
        Assert.Equal(
            new[]
            {
                "FuseGen.Testing.nuspec",
                "README.md",
                "lib/net8.0/FuseGen.Testing.dll",
                "lib/net8.0/FuseGen.Testing.xml",
            },
            Files(package));

        using var stream = package.GetEntry("FuseGen.Testing.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal(PackageFeed.Version, metadata.Elements().Single(e => e.Name.LocalName == "version").Value);
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (Id: e.Attribute("id")!.Value, Version: e.Attribute("version")!.Value))
            .ToArray();

        // It calls FuseGen's internals (the kernel-free sessions), so any other FuseGen version is refused at restore;
        // and no test framework: users keep the xunit (or other) version they have.
        Assert.Equal(new[] { ("FuseGen", $"[{PackageFeed.Version}]") }, dependencies);
        Assert.True(File.Exists(Path.ChangeExtension(feed.PackagePath("FuseGen.Testing"), ".snupkg")));
    }

    [Fact]
    public void Symbols_package_is_produced()
    {
        Assert.True(File.Exists(Path.ChangeExtension(feed.PackagePath("FuseGen"), ".snupkg")));
    }

    [Fact]
    public void Template_pack_holds_the_template()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("FuseGen.Templates"));
        var files = package.Entries.Select(e => e.FullName).Where(name => name.StartsWith("content/")).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[]
            {
                "content/fusefs/.template.config/dotnetcli.host.json",
                "content/fusefs/.template.config/template.json",
                "content/fusefs/FuseFs1.Inode.cs",
                "content/fusefs/FuseFs1.Tests/FuseFs1.Tests.csproj",
                "content/fusefs/FuseFs1.Tests/FuseFs1Tests.Inode.cs",
                "content/fusefs/FuseFs1.Tests/FuseFs1Tests.cs",
                "content/fusefs/FuseFs1.Tests/MountFactAttribute.cs",
                "content/fusefs/FuseFs1.cs",
                "content/fusefs/FuseFs1.csproj",
            },
            files);

        using var template = new StreamReader(package.GetEntry("content/fusefs/.template.config/template.json")!.Open());
        Assert.Contains($"\"defaultValue\": \"{PackageFeed.Version}\"", template.ReadToEnd());
    }

    /// <summary>The package's files, without the OPC parts every package has, in ordinal order.</summary>
    private static string[] Files(ZipArchive package) => package.Entries
        .Select(e => e.FullName)
        .Where(name => !name.StartsWith("_rels/") && !name.StartsWith("package/") && name != "[Content_Types].xml")
        .OrderBy(name => name, System.StringComparer.Ordinal)
        .ToArray();
}
