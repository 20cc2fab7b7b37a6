using System;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>
/// How hard the tests push: the default run is bounded for a loaded two-core machine; <c>FUSEGEN_LONG=1</c> runs
/// the long variant with bigger counts and durations.
/// </summary>
internal static class Scale
{
    public const string Variable = "FUSEGEN_LONG";

    public static bool Long => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary><paramref name="normal"/>, or <paramref name="longRun"/> with <c>FUSEGEN_LONG=1</c>.</summary>
    public static T Pick<T>(T normal, T longRun) => Long ? longRun : normal;

    public static string Name => Long ? "long" : "normal";
}
