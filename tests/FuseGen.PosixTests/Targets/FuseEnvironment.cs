using System;
using System.IO;
using System.Runtime.InteropServices;
using FuseGen.PosixTests.Infrastructure;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// Whether this machine can run the mounted targets, and what to do when it cannot: skip with the reason, or fail
/// when FUSEGEN_REQUIRE_MOUNT=1 (scripts/test.sh, CI).
/// </summary>
internal static partial class FuseEnvironment
{
    private static readonly Lazy<string?> ProblemValue = new(Probe);

    /// <summary>Mount failures must fail the run instead of skipping.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("FUSEGEN_REQUIRE_MOUNT") == "1";

    /// <summary>Why mounted targets cannot run here, or null.</summary>
    public static string? Problem => ProblemValue.Value;

    /// <summary>The skip reason of mounted-target tests, or null when they run (FUSE available, or required).</summary>
    public static string? SkipReason => Required || Problem is null ? null : $"FUSE mounts are unavailable here: {Problem}. Set FUSEGEN_REQUIRE_MOUNT=1 to make this a failure.";

    public static bool IsRoot => geteuid() == 0;

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        if (!File.Exists("/dev/fuse"))
        {
            return "/dev/fuse is missing";
        }

        if (!Shell.Has("fusermount3"))
        {
            return "fusermount3 is not installed (Debian package fuse3)";
        }

        if (!NativeLibrary.TryLoad("libfuse3.so.4", out _) && !NativeLibrary.TryLoad("libfuse3.so.3", out _))
        {
            return "libfuse3 is not installed (Debian package libfuse3-3)";
        }

        if (!IsRoot)
        {
            return "the suite mounts as root (allow_other, and setpriv to act as uid 1000)";
        }

        return null;
    }

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
