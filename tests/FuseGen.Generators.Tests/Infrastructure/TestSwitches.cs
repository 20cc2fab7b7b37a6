using System;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary>Switches read from the environment.</summary>
internal static class TestSwitches
{
    /// <summary>FUSEGEN_ACCEPT_SNAPSHOTS=1: overwrite expected files (snapshots, README table) instead of failing.</summary>
    public static bool AcceptSnapshots => Environment.GetEnvironmentVariable("FUSEGEN_ACCEPT_SNAPSHOTS") == "1";

    /// <summary>FUSEGEN_REQUIRE_MOUNT=1: tests that need the libfuse3 headers fail instead of skipping when they are absent.</summary>
    public static bool RequireMount => Environment.GetEnvironmentVariable("FUSEGEN_REQUIRE_MOUNT") == "1";
}
