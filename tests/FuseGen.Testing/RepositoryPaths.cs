using System;
using System.IO;

namespace FuseGen.Testing;

/// <summary>
/// Locations in the repository, found from the test assembly's directory. Not from <c>[CallerFilePath]</c>: CI builds
/// (ContinuousIntegrationBuild) map source paths to <c>/_/</c>, so compiled-in paths do not exist at run time.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FuseGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FuseGen.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (where FuseGen.sln is).</summary>
    public static string Root => RootPath.Value;
}
