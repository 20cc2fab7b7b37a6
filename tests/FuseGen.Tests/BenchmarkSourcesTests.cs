using System;
using System.IO;
using FuseGen.Tests.Native;
using Xunit;

namespace FuseGen.Tests;

/// <summary>
/// The benchmark's C code (the two C twins of BenchFs and the driver) builds with the flags scripts/bench.sh and
/// scripts/bench-samples.sh give it, so that a change to it cannot wait for the next benchmark run to show it broke.
/// </summary>
public sealed class BenchmarkSourcesTests
{
    [NativeTheory(NativeNeeds.Gcc | NativeNeeds.FuseHeaders)]
    [InlineData("tests/FuseGen.Benchmarks/c/benchfs.c", "-O2 -Wall -Werror")]
    [InlineData("tests/FuseGen.Benchmarks/c/benchfs_ll.c", "-O2 -Wall -Werror")]
    [InlineData("tests/FuseGen.Benchmarks/driver/driver.c", "-O2 -Wall -Wextra -Werror -pthread")]
    public void Builds_warning_free_with_the_benchmark_scripts_flags(string source, string options) =>
        NativeToolchain.Compile(Path.Combine(RepositoryRoot(), source), options.Split(' '));

    // The test assembly sits under the repository (tests/FuseGen.Tests/bin/...): the first directory above it that
    // holds the benchmark's sources.
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "tests", "FuseGen.Benchmarks", "driver", "driver.c")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No repository with tests/FuseGen.Benchmarks above {AppContext.BaseDirectory}.");
    }
}
