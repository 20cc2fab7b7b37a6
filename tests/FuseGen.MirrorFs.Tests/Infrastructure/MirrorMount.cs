using System;
using System.IO;
using System.Linq;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>
/// samples/MirrorFs mounted out of process over a fresh, empty source: <c>dotnet MirrorFs.dll ROOT/src MOUNTPOINT -f
/// -o allow_other</c>, a <see cref="MountedSample"/> (watchdog, teardown and the check that the daemon exits cleanly
/// come from there).
/// </summary>
public sealed class MirrorMount : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(150);

    private readonly TempDirectory root;
    private readonly MountedSample sample;

    private MirrorMount(TempDirectory root, string source, MountedSample sample)
    {
        this.root = root;
        Source = source;
        this.sample = sample;
    }

    /// <summary>Directory holding src/ (and room for the tests' own scratch files).</summary>
    public string Root => root.Path;

    /// <summary>The mirrored directory.</summary>
    public string Source { get; }

    public string MountPoint => sample.MountPoint.Path;

    /// <summary>The daemon's pid.</summary>
    public int DaemonPid => sample.Process.Pid;

    /// <summary>Mounts a fresh, empty source with further MirrorFs <paramref name="options"/>; needs root (allow_other, setpriv).</summary>
    public static MirrorMount Start(string name, params string[] options) => StartIn(TempRoot.Path, name, options);

    /// <summary>Like <see cref="Start"/>, with the source under <paramref name="parent"/> (on the filesystem a test needs).</summary>
    public static MirrorMount StartIn(string parent, string name, params string[] options)
    {
        FuseAvailability.ThrowIfUnavailable(asRoot: true);
        var root = new TempDirectory("fusegen-mirror-" + name, parent);
        try
        {
            // Other users (setpriv) must be able to reach the source.
            var source = Path.Combine(root.Path, "src");
            Directory.CreateDirectory(source);
            File.SetUnixFileMode(root.Path, (UnixFileMode)0x1ED);
            File.SetUnixFileMode(source, (UnixFileMode)0x1ED);
            var launch = new SampleLaunch
            {
                Before = new[] { source },
                After = new[] { "-o", "allow_other" }.Concat(options).ToArray(),
                Timeout = Limit,
                MountPointPrefix = $"fusegen-mirror-{name}-mnt",
                RequireCleanExit = true,
            };
            return new MirrorMount(root, source, MountedSample.Start("MirrorFs", launch));
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>A path through the mount.</summary>
    public string At(string relative) => Path.Combine(MountPoint, relative);

    /// <summary>The same path in the source.</summary>
    public string InSource(string relative) => Path.Combine(Source, relative);

    /// <summary>What the daemon wrote so far (with -d: libfuse's request log).</summary>
    public string DaemonOutput => sample.Process.StandardError + sample.Process.StandardOutput;

    /// <summary>
    /// Number of descriptors the daemon has open on <paramref name="sourceDirectory"/> or anything under it (the targets
    /// of its /proc/PID/fd links). Only those: the process's other descriptors (runtime, thread pool, epoll, /dev/fuse
    /// clones) come and go on their own and would make a count of all of them flaky.
    /// </summary>
    public int DaemonDescriptorsUnder(string sourceDirectory)
    {
        // The kernel's link targets are canonical paths; the source may have been named through a symbolic link.
        var directory = LibC.RealPath(sourceDirectory);
        var count = 0;
        foreach (var link in Directory.EnumerateFileSystemEntries($"/proc/{DaemonPid}/fd"))
        {
            // A descriptor closed between the listing and the read has no target any more: not open, not counted.
            string? target;
            try
            {
                target = new System.IO.FileInfo(link).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }

            if (target is not null && (target == directory || target.StartsWith(directory + "/", StringComparison.Ordinal)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Unmounts, checks that nothing is left mounted or running and the daemon exited with 0, then deletes the source.</summary>
    public void Dispose()
    {
        try
        {
            sample.Dispose();
        }
        finally
        {
            root.Dispose();
        }
    }
}
