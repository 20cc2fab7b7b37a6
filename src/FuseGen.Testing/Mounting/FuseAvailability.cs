using System;
using System.IO;
using System.Runtime.InteropServices;
using FuseGen.Testing.Native;

namespace FuseGen.Testing;

/// <summary>
/// Whether this machine can mount FUSE filesystems: /dev/fuse exists, libfuse3 loads, and the process is root or
/// has fusermount3. With <c>FUSEGEN_REQUIRE_MOUNT=1</c> an unusable machine is a test failure instead of a skip.
/// </summary>
/// <remarks>
/// <see cref="FuseTestMount"/> checks it before mounting (<see cref="EnsureMountable"/>). With xunit 2, whose runner
/// cannot skip a test that has started, a fact attribute can skip up front: set <c>Skip = FuseAvailability.SkipReason()</c>
/// in its constructor.
/// </remarks>
public static class FuseAvailability
{
    /// <summary>The environment variable that turns a skip into a failure: <c>FUSEGEN_REQUIRE_MOUNT</c> (set it to 1 on CI machines that must mount).</summary>
    public const string RequireVariable = "FUSEGEN_REQUIRE_MOUNT";

    private static readonly Lazy<string?> Problem = new(Probe);

    /// <summary>Why mounting is impossible here, or null when it is possible.</summary>
    public static string? Reason => Problem.Value;

    /// <summary>
    /// Why mounting as root is impossible here, or null: for tests that mount with <c>allow_other</c> and act as other
    /// users (setpriv), which only root can do without configuration.
    /// </summary>
    public static string? RootReason => Reason ?? (SystemCalls.geteuid() == 0 ? null : "these tests mount with allow_other and act as other users (setpriv), so they run as root");

    /// <summary>
    /// The skip reason of a mounting test (<see cref="RootReason"/> when <paramref name="asRoot"/>), or null when it
    /// runs: mounting is possible, or required (<c>FUSEGEN_REQUIRE_MOUNT=1</c>, where it then fails).
    /// </summary>
    public static string? SkipReason(bool asRoot = false) =>
        (asRoot ? RootReason : Reason) is { } reason && !Required
            ? $"FUSE is unavailable: {reason} (set {RequireVariable}=1 to fail instead)"
            : null;

    /// <summary>True when <c>FUSEGEN_REQUIRE_MOUNT=1</c>: mount tests must run, never skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Fails the calling test when mounting (as root, with <paramref name="asRoot"/>) is impossible; reached only when the test was not skipped.</summary>
    /// <exception cref="InvalidOperationException">Mounting is impossible here.</exception>
    public static void ThrowIfUnavailable(bool asRoot = false)
    {
        if ((asRoot ? RootReason : Reason) is { } reason)
        {
            throw new InvalidOperationException($"FUSE is unavailable and {RequireVariable}=1: {reason}");
        }
    }

    /// <summary>
    /// Returns when mounting (as root, with <paramref name="asRoot"/>) is possible. Otherwise throws
    /// <see cref="FuseUnavailableException"/>, which xunit 3 reports as a skip, or, with <c>FUSEGEN_REQUIRE_MOUNT=1</c>,
    /// <see cref="InvalidOperationException"/>, a failure in every framework.
    /// </summary>
    /// <exception cref="FuseUnavailableException">Mounting is impossible and not required.</exception>
    /// <exception cref="InvalidOperationException">Mounting is impossible and required.</exception>
    public static void EnsureMountable(bool asRoot = false)
    {
        if ((asRoot ? RootReason : Reason) is not { } reason)
        {
            return;
        }

        if (Required)
        {
            throw new InvalidOperationException($"FUSE is unavailable and {RequireVariable}=1: {reason}");
        }

        throw new FuseUnavailableException(reason);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "FUSE mounts need Linux";
        }

        if (!File.Exists("/dev/fuse"))
        {
            return "/dev/fuse does not exist (load the fuse module or pass the device to the container)";
        }

        var overridePath = Environment.GetEnvironmentVariable("FUSEGEN_LIBFUSE");
        var candidates = string.IsNullOrEmpty(overridePath) ? new[] { "libfuse3.so.4", "libfuse3.so.3" } : new[] { overridePath };
        var loaded = false;
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                NativeLibrary.Free(handle);
                loaded = true;
                break;
            }
        }

        if (!loaded)
        {
            return $"libfuse3 cannot be loaded (tried {string.Join(", ", candidates)})";
        }

        if (SystemCalls.geteuid() != 0 && FindOnPath("fusermount3") is null)
        {
            return "not root and fusermount3 is not on PATH";
        }

        return null;
    }

    private static string? FindOnPath(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
