using System;
using FuseGen.Testing;

namespace FuseGen.Packaging.Tests;

/// <summary>The dotnet CLI, run outside the test's own MSBuild environment.</summary>
internal static class Dotnet
{
    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments, workingDirectory, TimeSpan.FromMinutes(10));
}
