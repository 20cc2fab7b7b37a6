using System.IO;
using FuseGen.Testing;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary>Locations of checked-in test files, read and accepted in place in the source tree.</summary>
internal static class TestPaths
{
    /// <summary>The test project's directory (tests/FuseGen.Generators.Tests).</summary>
    public static string ProjectDirectory { get; } = Path.Combine(RepositoryRoot, "tests", "FuseGen.Generators.Tests");

    /// <summary>The repository root.</summary>
    public static string RepositoryRoot => RepositoryPaths.Root;

    /// <summary>
    /// An input filesystem: the sample itself where one exists (samples/NAME/NAME.cs), so the snapshot follows the
    /// code users read; otherwise Inputs/NAME.cs.
    /// </summary>
    public static string Input(string name)
    {
        var sample = Path.Combine(RepositoryRoot, "samples", name, name + ".cs");
        return File.Exists(sample) ? sample : Path.Combine(ProjectDirectory, "Inputs", name + ".cs");
    }

    public static string Snapshot(string name) => Path.Combine(ProjectDirectory, "Snapshots", name + ".g.cs.txt");

    public static string ReceivedSnapshot(string name) => Path.Combine(ProjectDirectory, "Snapshots", name + ".g.cs.received.txt");
}
