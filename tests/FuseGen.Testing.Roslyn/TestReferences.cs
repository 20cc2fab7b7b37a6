using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace FuseGen.Testing.Roslyn;

/// <summary>What every test compilation references: the shared framework the tests run on, and the FuseGen runtime.</summary>
public static class TestReferences
{
    /// <summary>The net10.0 framework assemblies of the test host, then FuseGen.dll.</summary>
    public static ImmutableArray<MetadataReference> All { get; } = Load();

    /// <summary>The path of FuseGen.dll, for harnesses that take references by file.</summary>
    public static string Runtime => typeof(Stat).Assembly.Location;

    private static ImmutableArray<MetadataReference> Load()
    {
        // Only the shared framework: the test host's own dependencies (xunit, Roslyn, the generator) are trusted too,
        // and are not what user code sees.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Append(Runtime)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
