using System;
using System.IO;

namespace FuseGen.Testing;

/// <summary>
/// Where <see cref="TempMountPoint"/> makes mount points: <c>$FUSEGEN_TEST_MOUNT_ROOT</c> when set (a test run can
/// give itself a directory of its own, so a leftover mount is easy to blame and to clear), otherwise the system temp
/// directory.
/// </summary>
public static class TempRoot
{
    /// <summary>The environment variable naming the directory: <c>FUSEGEN_TEST_MOUNT_ROOT</c>.</summary>
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
