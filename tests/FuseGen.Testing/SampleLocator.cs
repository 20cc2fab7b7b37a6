using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace FuseGen.Testing;

/// <summary>
/// Finds a sample's net10.0 build. The test project references the samples (without their assemblies), so
/// <c>dotnet test</c> builds them into samples/NAME/bin/CONFIGURATION/net10.0, CONFIGURATION being the test
/// assembly's own. A copy next to the test assembly (with its runtimeconfig) wins.
/// </summary>
public static class SampleLocator
{
    private const string TargetFramework = "net10.0";

    public static string Find(string name)
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates(name))
        {
            tried.Add(candidate);
            if (File.Exists(candidate) && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"{name}.dll ({TargetFramework}) was not found; build samples/{name} (dotnet test builds it). Tried: {string.Join(", ", tried)}");
    }

    private static IEnumerable<string> Candidates(string name)
    {
        var file = name + ".dll";
        yield return Path.Combine(AppContext.BaseDirectory, file);
        var configuration = typeof(SampleLocator).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        foreach (var root in RepositoryRoots())
        {
            yield return Path.Combine(root, "samples", name, "bin", configuration, TargetFramework, file);
        }
    }

    // The root MSBuild recorded at build time, then any directory above the test assembly holding samples/.
    private static IEnumerable<string> RepositoryRoots()
    {
        var recorded = typeof(SampleLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (!string.IsNullOrEmpty(recorded))
        {
            yield return recorded;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "samples")))
            {
                yield return directory.FullName;
            }
        }
    }
}
