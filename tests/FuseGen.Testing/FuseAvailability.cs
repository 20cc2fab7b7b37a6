using System;
using System.IO;
using System.Runtime.InteropServices;

namespace FuseGen.Testing;

/// <summary>
/// Whether this machine can mount FUSE filesystems. Tests that mount skip with the reason when it cannot, unless
/// <c>FUSEGEN_REQUIRE_MOUNT=1</c>: then they run and fail, so CI never passes without mounting.
/// </summary>
public static class FuseAvailability
{
    private static readonly Lazy<string?> Problem = new(FindProblem);

    public static bool Required => Environment.GetEnvironmentVariable("FUSEGEN_REQUIRE_MOUNT") == "1";

    /// <summary>Null when mounting is possible, otherwise why not.</summary>
    public static string? Reason => Problem.Value;

    private static string? FindProblem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "FUSE tests need Linux";
        }

        if (!File.Exists("/dev/fuse"))
        {
            return "/dev/fuse does not exist";
        }

        if (!NativeLibrary.TryLoad("libfuse3.so.4", out _) && !NativeLibrary.TryLoad("libfuse3.so.3", out _))
        {
            return "libfuse3 is not installed (apt-get install fuse3 libfuse3-3)";
        }

        if (Environment.UserName != "root" && !File.Exists("/usr/bin/fusermount3") && !File.Exists("/bin/fusermount3"))
        {
            return "not root and fusermount3 is not installed";
        }

        return null;
    }
}
