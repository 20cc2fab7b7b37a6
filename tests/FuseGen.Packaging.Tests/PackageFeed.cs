using System;
using System.IO;
using FuseGen.Testing;

namespace FuseGen.Packaging.Tests;

/// <summary>
/// FuseGen, FuseGen.Extensions.Logging, FuseGen.Testing and FuseGen.Templates packed once into a temp feed, with a private package cache so a consumer never
/// restores a stale FuseGen of the same version from the machine's cache.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    private readonly TempDirectory root = new("fusegen-feed");

    public PackageFeed()
    {
        Feed = Directory.CreateDirectory(Path.Combine(root.Path, "feed")).FullName;
        Packages = Directory.CreateDirectory(Path.Combine(root.Path, "packages")).FullName;
        foreach (var project in new[] { "src/FuseGen/FuseGen.csproj", "src/FuseGen.Extensions.Logging/FuseGen.Extensions.Logging.csproj", "src/FuseGen.Testing/FuseGen.Testing.csproj", "templates/FuseGen.Templates/FuseGen.Templates.csproj" })
        {
            var result = Dotnet.Run(RepositoryPaths.Root, "pack", Path.Combine(RepositoryPaths.Root, project), "-c", "Release", "-o", Feed);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed: " + result);
            }
        }
    }

    public string Feed { get; }

    public string Packages { get; }

    /// <summary>The version the repository builds (Directory.Build.props).</summary>
    public static string Version => typeof(FuseGen.Fuse).Assembly.GetName().Version!.ToString(3);

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Makes <paramref name="directory"/> restore from the feed (then nuget.org) into the private cache.</summary>
    public void Configure(string directory)
    {
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="fusegen" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <RestorePackagesPath>{Packages}</RestorePackagesPath>
              </PropertyGroup>
            </Project>
            """);
    }

    public void Dispose() => root.Dispose();
}
