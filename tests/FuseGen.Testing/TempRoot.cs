using System;
using System.IO;

namespace FuseGen.Testing;

/// <summary>
/// Where tests make their temp directories and mount points: <c>$FUSEGEN_TEST_MOUNT_ROOT</c> when set (scripts/test.sh
/// sets one per run, so that it blames only mounts its own tests made), otherwise the system temp directory.
/// </summary>
public static class TempRoot
{
    /// <summary>The variable scripts/test.sh sets to its per-run directory.</summary>
    public const string Variable = "FUSEGEN_TEST_MOUNT_ROOT";

    /// <summary>The directory, created if it is missing.</summary>
    public static string Path { get; } = Resolve();

    private static string Resolve()
    {
        var root = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(root))
        {
            return System.IO.Path.GetTempPath();
        }

        Directory.CreateDirectory(root);
        return root;
    }
}
