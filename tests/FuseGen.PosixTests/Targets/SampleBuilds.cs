using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace FuseGen.PosixTests.Targets;

/// <summary>Where the samples this project references were built (their net10.0 output, same configuration).</summary>
internal static class SampleBuilds
{
    /// <summary>The path of samples/NAME/bin/CONFIGURATION/net10.0/NAME.dll; fails clearly if it was not built.</summary>
    public static string Dll(string sample)
    {
        var path = Path.Combine(Metadata("SamplesDirectory"), sample, "bin", Metadata("SamplesConfiguration"), "net10.0", sample + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{sample} is not built at {path}; reference samples/{sample} from this project so dotnet test builds it", path);
    }

    private static string Metadata(string key) =>
        typeof(SampleBuilds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is missing (see FuseGen.PosixTests.csproj)");
}
