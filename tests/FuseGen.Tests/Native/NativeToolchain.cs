using System;
using System.IO;
using System.Linq;

namespace FuseGen.Tests.Native;

/// <summary>
/// gcc and the system headers, for tests that check FuseGen against C. When something is missing those tests are
/// skipped with the reason, unless <c>FUSEGEN_REQUIRE_MOUNT=1</c> demands the full environment (then they fail).
/// </summary>
internal static class NativeToolchain
{
    public const string FuseHeader = "/usr/include/fuse3/fuse.h";
    public const string ErrnoBaseHeader = "/usr/include/asm-generic/errno-base.h";
    public const string ErrnoHeader = "/usr/include/asm-generic/errno.h";

    /// <summary>fuse.h of the libfuse pkg-config names (PKG_CONFIG_PATH selects a build), else the system's.</summary>
    public static string InstalledFuseHeader => InstalledFuseHeaderPath.Value;

    private static readonly Lazy<string> InstalledFuseHeaderPath = new(FindFuseHeader);

    /// <summary>True when the environment must be complete: missing tools fail the tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("FUSEGEN_REQUIRE_MOUNT") == "1";

    /// <summary>Full path of gcc on PATH, or null.</summary>
    public static string? Gcc { get; } = FindOnPath("gcc");

    /// <summary>Full path of pkg-config on PATH, or null.</summary>
    public static string? PkgConfig { get; } = FindOnPath("pkg-config");

    /// <summary>Why a test needing <paramref name="needs"/> cannot run here, or null when it can.</summary>
    public static string? MissingReason(NativeNeeds needs)
    {
        if (needs.HasFlag(NativeNeeds.Gcc) && Gcc is null)
        {
            return "gcc is not on PATH";
        }

        if (needs.HasFlag(NativeNeeds.FuseHeaders) && !File.Exists(InstalledFuseHeader))
        {
            return $"the libfuse3 headers are not installed ({InstalledFuseHeader} is missing)";
        }

        if (needs.HasFlag(NativeNeeds.KernelHeaders) && !(File.Exists(ErrnoBaseHeader) && File.Exists(ErrnoHeader)))
        {
            return $"the kernel headers are not installed ({ErrnoBaseHeader} is missing)";
        }

        return null;
    }

    /// <summary>Compiles a C file against libfuse3 into a temporary directory, runs it and returns its output.</summary>
    public static string CompileAndRun(string sourcePath)
    {
        if (MissingReason(NativeNeeds.Gcc | NativeNeeds.FuseHeaders) is { } missing)
        {
            throw new InvalidOperationException($"Cannot compile {sourcePath}: {missing}.");
        }

        var directory = Directory.CreateTempSubdirectory("fusegen-layout-");
        try
        {
            var program = Path.Combine(directory.FullName, Path.GetFileNameWithoutExtension(sourcePath));
            var flags = FuseFlags();
            // libfuse's headers demand a 64-bit off_t; on 64-bit systems the define changes nothing.
            Run(Gcc!, ["-std=gnu11", "-Wall", "-Wextra", "-D_FILE_OFFSET_BITS=64", .. flags.Compile, "-o", program, sourcePath, .. flags.Link]);
            return Run(program, []);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static (string[] Compile, string[] Link) FuseFlags()
    {
        if (PkgConfig is not null)
        {
            try
            {
                var compile = Run(PkgConfig, ["--cflags", "fuse3"]);
                var link = Run(PkgConfig, ["--libs", "fuse3"]);
                // A build outside the loader's path (scripts/libfuse-matrix.sh) must also be the one the program runs with.
                var libdir = Run(PkgConfig, ["--variable=libdir", "fuse3"]).Trim();
                return (Split(compile), [.. Split(link), .. (libdir.Length > 0 ? new[] { "-Wl,-rpath," + libdir } : [])]);
            }
            catch (InvalidOperationException)
            {
                // No fuse3.pc: fall back to the standard locations.
            }
        }

        return (["-I/usr/include/fuse3"], ["-lfuse3", "-lpthread"]);
    }

    private static string FindFuseHeader()
    {
        if (PkgConfig is not null)
        {
            try
            {
                var includedir = Run(PkgConfig, ["--variable=includedir", "fuse3"]).Trim();
                var header = Path.Combine(includedir, "fuse3", "fuse.h");
                if (File.Exists(header))
                {
                    return header;
                }
            }
            catch (InvalidOperationException)
            {
                // No fuse3.pc: the standard location.
            }
        }

        return FuseHeader;
    }

    private static string[] Split(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string Run(string program, string[] arguments)
    {
        var result = FuseGen.Testing.Command.Run(program, TimeSpan.FromMinutes(2), arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} {result.Summary}:\n{result.StandardError}{result.StandardOutput}");
        }

        return result.StandardOutput;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>What a native test needs from the machine.</summary>
[Flags]
internal enum NativeNeeds
{
    None = 0,
    Gcc = 1,
    FuseHeaders = 2,
    KernelHeaders = 4,
}
