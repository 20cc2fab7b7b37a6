using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace FuseGen.Testing;

/// <summary>
/// A filesystem program running in the foreground on a mount point, under a <see cref="MountWatchdog"/>.
/// Its output is collected; <see cref="Dispose"/> unmounts and reaps it whatever happened.
/// </summary>
public sealed class MountedProcess : IDisposable
{
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly MountWatchdog watchdog;

    private MountedProcess(Process process, string mountPoint, TimeSpan timeout)
    {
        Process = process;
        MountPoint = mountPoint;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (error) { error.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        watchdog = new MountWatchdog(mountPoint, process, timeout);
    }

    public Process Process { get; }

    public string MountPoint { get; }

    public string StandardOutput { get { lock (output) { return output.ToString(); } } }

    public string StandardError { get { lock (error) { return error.ToString(); } } }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (which must name the mount point) and waits
    /// until the mount appears; throws with the program's output if it exits or does not mount in time.
    /// </summary>
    public static MountedProcess Start(string fileName, IEnumerable<string> arguments, string mountPoint, TimeSpan? timeout = null, IDictionary<string, string?>? environment = null)
    {
        var process = ProcessRunner.Start(fileName, arguments, environment: environment);
        var mounted = new MountedProcess(process, mountPoint, timeout ?? TimeSpan.FromSeconds(120));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!MountTable.IsMounted(mountPoint))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var reason = process.HasExited ? $"exited with {process.ExitCode}" : "did not mount within 30 s";
                mounted.Dispose();
                throw new InvalidOperationException($"{fileName} {reason}\nstdout:\n{mounted.StandardOutput}\nstderr:\n{mounted.StandardError}");
            }

            Thread.Sleep(10);
        }

        return mounted;
    }

    /// <summary>A sample's net10.0 build run with <c>dotnet</c>; <paramref name="arguments"/> is its command line.</summary>
    public static MountedProcess StartSample(string sample, string mountPoint, params string[] arguments) =>
        Start("dotnet", Prepend(RepositoryPaths.SampleAssembly(sample), arguments), mountPoint);

    /// <summary>Waits for the process to exit on its own (after an unmount or a signal).</summary>
    public bool WaitForExit(TimeSpan timeout) => Process.WaitForExit((int)timeout.TotalMilliseconds);

    public void Dispose()
    {
        watchdog.Dispose();
        Process.Dispose();
    }

    private static IEnumerable<string> Prepend(string first, string[] rest)
    {
        yield return first;
        foreach (var item in rest)
        {
            yield return item;
        }
    }
}
