using System;
using BenchmarkDotNet.Running;

namespace FuseGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/FuseGen.Benchmarks -- --filter '*'</c> (add <c>--job short</c> or
/// <c>--job dry</c> for a quick look). Runs in process: BenchmarkDotNet's generated out-of-process project would
/// inherit this repository's build settings (central package versions, warnings as errors).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["async-interleaved", ..])
        {
            AsyncReadInterleaved.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 12);
            return;
        }

        var inProcess = Array.Exists(args, a => a is "--inProcess" or "-i") ? args : [.. args, "--inProcess"];
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(inProcess);
    }
}
