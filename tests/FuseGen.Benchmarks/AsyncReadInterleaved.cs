using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace FuseGen.Benchmarks;

/// <summary>
/// <see cref="AsyncReadBenchmarks"/>' reads and getattrs interleaved: each round runs every method once (2 million calls),
/// so load from other work on the machine falls on all of them alike; prints the medians of the per-round ratios to
/// the synchronous method (<c>dotnet run -c Release --project tests/FuseGen.Benchmarks -- async-interleaved [rounds]</c>).
/// </summary>
internal static class AsyncReadInterleaved
{
    private const int Calls = 2_000_000;

    public static void Run(int rounds)
    {
        var benchmarks = new AsyncReadBenchmarks();
        Measure(benchmarks, rounds, new (string, Action, Action)[]
        {
            ("read sync", benchmarks.SetupSync, benchmarks.ReadSync),
            ("read ValueTask", benchmarks.SetupValueTask, benchmarks.ReadValueTask),
            ("read ValueTask+token", benchmarks.SetupValueTaskToken, benchmarks.ReadValueTaskToken),
            ("read async method", benchmarks.SetupAsyncMethod, benchmarks.ReadAsyncMethod),
        });
        Measure(benchmarks, rounds, new (string, Action, Action)[]
        {
            ("getattr sync", benchmarks.SetupSync, benchmarks.GetattrSync),
            ("getattr ValueTask", benchmarks.SetupValueTask, benchmarks.GetattrValueTask),
            ("getattr ValueTask+token", benchmarks.SetupValueTaskToken, benchmarks.GetattrValueTaskToken),
        });
    }

    private static void Measure(AsyncReadBenchmarks benchmarks, int rounds, (string Name, Action Setup, Action Call)[] methods)
    {
        var times = methods.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds + 3; round++)
        {
            for (var m = 0; m < methods.Length; m++)
            {
                methods[m].Setup();
                for (var i = 0; i < Calls / 10; i++)
                {
                    methods[m].Call();
                }

                var clock = Stopwatch.StartNew();
                for (var i = 0; i < Calls; i++)
                {
                    methods[m].Call();
                }

                var nanoseconds = clock.Elapsed.TotalNanoseconds / Calls;
                benchmarks.Cleanup();

                // The first rounds warm up the JIT's tiers.
                if (round >= 3)
                {
                    times[m].Add(nanoseconds);
                }
            }
        }

        for (var m = 0; m < methods.Length; m++)
        {
            var ratios = times[m].Zip(times[0], (a, b) => a / b).ToList();
            Console.WriteLine($"{methods[m].Name,-24} {Median(times[m]),7:F1} ns  ratio {Median(ratios):F2} ({ratios.Min():F2}-{ratios.Max():F2})");
        }
    }

    private static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
}
