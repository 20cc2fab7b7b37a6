using System;
using System.IO;

namespace FuseGen.Testing;

/// <summary>Locations in the repository, found from the test assembly's directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FuseGen.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FuseGen.slnx not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (where FuseGen.slnx is).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The configuration the tests were built in (Debug or Release), to find sibling outputs.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The net10.0 build of a sample: <c>samples/NAME/bin/CONFIG/net10.0/NAME.dll</c>.</summary>
    public static string SampleAssembly(string name)
    {
        var path = Path.Combine(Root, "samples", name, "bin", Configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"sample {name} is not built (expected {path}); reference its project from the test project");
    }
}
