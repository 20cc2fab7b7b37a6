using System;
using FuseGen.Testing;

namespace FuseGen.Packaging.Tests;

/// <summary>The dotnet CLI, run outside the test's own MSBuild environment.</summary>
internal static class Dotnet
{
    public static Command.Result Run(string workingDirectory, params string[] arguments) =>
        Command.Run("dotnet", TimeSpan.FromMinutes(10), arguments, workingDirectory, Environment);

    /// <summary>The environment changes of every nested dotnet: a nested build must not inherit the test host's MSBuild settings.</summary>
    internal static readonly System.Collections.Generic.Dictionary<string, string?> Environment = new()
    {
        ["MSBuildExtensionsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["MSBuildSDKsPath"] = null,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };
}
