using System;
using System.IO;
using System.Linq;

namespace FuseGen.Tests.Native;

/// <summary>
/// gcc and the system headers, for tests that check FuseGen against C. When something is missing those tests are
/// skipped with the reason, unless <c>FUSEGEN_REQUIRE_MOUNT=1</c> demands the full environment (then they fail).
/// The arm64 forms compile with the cross compiler against the arm64 libfuse and run under qemu-user; they are
/// required by <c>FUSEGEN_REQUIRE_ARM64=1</c> (scripts/arm64.sh installs what they need).
/// </summary>
internal static class NativeToolchain
{
    public const string FuseHeader = "/usr/include/fuse3/fuse.h";
    public const string ErrnoBaseHeader = "/usr/include/asm-generic/errno-base.h";
    public const string ErrnoHeader = "/usr/include/asm-generic/errno.h";

    /// <summary>fuse.h of the libfuse pkg-config names (PKG_CONFIG_PATH selects a build), else the system's.</summary>
    public static string InstalledFuseHeader => InstalledFuseHeaderPath.Value;

    private static readonly Lazy<string> InstalledFuseHeaderPath = new(FindFuseHeader);

    /// <summary>The arm64 libfuse the cross compiler links against (libfuse3-dev:arm64).</summary>
    public const string Arm64FuseLibrary = "/usr/lib/aarch64-linux-gnu/libfuse3.so";

    /// <summary>The arm64 dynamic loader (libc6:arm64), which qemu-user runs arm64 programs with.</summary>
    public const string Arm64Loader = "/lib/ld-linux-aarch64.so.1";

    /// <summary>True when the environment must be complete: missing tools fail the tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("FUSEGEN_REQUIRE_MOUNT") == "1";

    /// <summary>True when the arm64 cross toolchain and qemu-user must be present.</summary>
    public static bool Arm64Required => Environment.GetEnvironmentVariable("FUSEGEN_REQUIRE_ARM64") == "1";

    /// <summary>Full path of gcc on PATH, or null.</summary>
    public static string? Gcc { get; } = FindOnPath("gcc");

    /// <summary>Full path of pkg-config on PATH, or null.</summary>
    public static string? PkgConfig { get; } = FindOnPath("pkg-config");

    /// <summary>Full path of the arm64 cross compiler on PATH (crossbuild-essential-arm64), or null.</summary>
    public static string? Arm64Gcc { get; } = FindOnPath("aarch64-linux-gnu-gcc");

    /// <summary>Full path of qemu-user's arm64 emulator on PATH (qemu-user), or null.</summary>
    public static string? Qemu { get; } = FindOnPath("qemu-aarch64");

    /// <summary>Whether a test needing <paramref name="needs"/> fails, rather than skips, when something is missing.</summary>
    public static bool IsRequired(NativeNeeds needs) => needs.HasFlag(NativeNeeds.Arm64) ? Arm64Required : Required;

    /// <summary>The environment variable that makes a test needing <paramref name="needs"/> fail when it cannot run.</summary>
    public static string RequiringVariable(NativeNeeds needs) =>
        needs.HasFlag(NativeNeeds.Arm64) ? "FUSEGEN_REQUIRE_ARM64" : "FUSEGEN_REQUIRE_MOUNT";

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

        if (needs.HasFlag(NativeNeeds.Arm64))
        {
            if (Arm64Gcc is null)
            {
                return "aarch64-linux-gnu-gcc is not on PATH (crossbuild-essential-arm64)";
            }

            if (Qemu is null)
            {
                return "qemu-aarch64 is not on PATH (qemu-user)";
            }

            if (!File.Exists(Arm64FuseLibrary) || !File.Exists(Arm64Loader))
            {
                return $"the arm64 libfuse is not installed ({Arm64FuseLibrary} or {Arm64Loader} is missing: libfuse3-dev:arm64)";
            }
        }

        return null;
    }

    /// <summary>Compiles a C file against libfuse3 into a temporary directory, runs it and returns its output.</summary>
    /// <param name="sourcePath">The C file.</param>
    /// <param name="arm64">
    /// Compile with the arm64 cross compiler against the arm64 libfuse and run under qemu-user, rather than for the host.
    /// </param>
    public static string CompileAndRun(string sourcePath, bool arm64 = false) =>
        // libfuse's headers demand a 64-bit off_t; on 64-bit systems the define changes nothing.
        // No -L: qemu's sysroot option would pair the cross toolchain's loader with the multiarch libc that
        // libfuse3-3:arm64 installs (two builds of glibc 2.36), and the program would hang in its first
        // pthread_create. The multiarch loader and libraries are found on their own paths.
        WithProgram(sourcePath, ["-std=gnu11", "-Wall", "-Wextra", "-D_FILE_OFFSET_BITS=64"], arm64,
            program => arm64 ? Run(Qemu!, [program]) : Run(program, []));

    /// <summary>
    /// Compiles and links <paramref name="sourcePath"/> for the host with <paramref name="options"/> and libfuse's
    /// flags, and throws with gcc's messages if that fails. The program itself is thrown away.
    /// </summary>
    public static void Compile(string sourcePath, params string[] options) =>
        WithProgram(sourcePath, options, arm64: false, _ => 0);

    // Builds the program in a temporary directory, hands it to use, and deletes the directory.
    private static T WithProgram<T>(string sourcePath, string[] options, bool arm64, Func<string, T> use)
    {
        var needs = NativeNeeds.Gcc | NativeNeeds.FuseHeaders | (arm64 ? NativeNeeds.Arm64 : NativeNeeds.None);
        if (MissingReason(needs) is { } missing)
        {
            throw new InvalidOperationException($"Cannot compile {sourcePath}: {missing}.");
        }

        var directory = Directory.CreateTempSubdirectory("fusegen-native-");
        try
        {
            var program = Path.Combine(directory.FullName, Path.GetFileNameWithoutExtension(sourcePath));
            var flags = arm64 ? Arm64FuseFlags : FuseFlags();
            Run(arm64 ? Arm64Gcc! : Gcc!, [.. options, .. flags.Compile, "-o", program, sourcePath, .. flags.Link]);
            return use(program);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The arm64 libfuse's flags: the headers are shared by every architecture, the library is arm64's.</summary>
    private static (string[] Compile, string[] Link) Arm64FuseFlags =>
        (["-I/usr/include/fuse3"], ["-L" + Path.GetDirectoryName(Arm64FuseLibrary), "-lfuse3", "-lpthread"]);

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

    /// <summary>The arm64 cross compiler, qemu-user and the arm64 libfuse.</summary>
    Arm64 = 8,
}
