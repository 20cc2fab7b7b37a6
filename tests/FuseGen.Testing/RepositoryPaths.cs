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

}
