using System.IO;
using FuseGen.Testing;
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
        NativeToolchain.Compile(Path.Combine(RepositoryPaths.Root, source), options.Split(' '));
}
