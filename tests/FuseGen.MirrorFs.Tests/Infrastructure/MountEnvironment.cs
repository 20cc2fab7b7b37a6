using System;
using System.IO;
using Xunit;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>Whether real mounts can run here, and whether they must (FUSEGEN_REQUIRE_MOUNT=1).</summary>
internal static class MountEnvironment
{
    /// <summary>Mount tests fail instead of skipping when this is set.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("FUSEGEN_REQUIRE_MOUNT") == "1";

    /// <summary>The built sample, copied next to the tests by the project reference.</summary>
    public static string MirrorFsAssembly => Path.Combine(AppContext.BaseDirectory, "MirrorFs.dll");

    /// <summary>Why mounting cannot work here, or null.</summary>
    public static string? Problem { get; } = FindProblem();

    private static string? FindProblem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "FUSE mounts need Linux";
        }

        if (!File.Exists("/dev/fuse"))
        {
            return "/dev/fuse is missing";
        }

        if (Posix.geteuid() != 0)
        {
            return "the MirrorFs tests mount with allow_other and switch to other users (setpriv), so they run as root";
        }

        if (!File.Exists("/usr/bin/fusermount3") && !File.Exists("/bin/fusermount3"))
        {
            return "fusermount3 is missing (package fuse3)";
        }

        return File.Exists(MirrorFsAssembly) ? null : $"{MirrorFsAssembly} is missing";
    }
}

/// <summary>
/// A test that needs a real FUSE mount: skipped when mounting is impossible here, unless FUSEGEN_REQUIRE_MOUNT=1,
/// which makes it run and fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (MountEnvironment.Problem is { } problem && !MountEnvironment.Required)
        {
            Skip = problem;
        }
    }
}
