using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace FuseGen.Testing;

/// <summary>
/// A sample filesystem program run as <c>dotnet NAME.dll ARGS</c>, its stdout and stderr captured. Dispose kills it
/// if it still runs; pair it with a <see cref="MountWatchdog"/> for the mount.
/// </summary>
public sealed class SampleProcess : IDisposable
{
    public static readonly TimeSpan DefaultMountTimeout = TimeSpan.FromSeconds(20);

    private readonly Process process;
    private readonly StringBuilder standardOutput = new();
    private readonly StringBuilder standardError = new();

    private SampleProcess(Process process) => this.process = process;

    public Process Process => process;

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The exit code; only after <see cref="WaitForExit"/> returned true.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Everything written to stdout so far (all of it once <see cref="WaitForExit"/> returned true).</summary>
    public string StandardOutput
    {
        get
        {
            lock (standardOutput)
            {
                return standardOutput.ToString();
            }
        }
    }

    /// <summary>Everything written to stderr so far (all of it once <see cref="WaitForExit"/> returned true).</summary>
    public string StandardError
    {
        get
        {
            lock (standardError)
            {
                return standardError.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet NAME.dll arguments...</c>; <paramref name="environment"/> adds (or, with null, removes) variables.</summary>
    public static SampleProcess Start(string sample, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        StartProgram(SampleLocator.Find(sample), arguments, environment);

    /// <summary>
    /// Starts a filesystem program: a managed <c>.dll</c> through the dotnet host, anything else (a NativeAOT binary)
    /// directly.
    /// </summary>
    public static SampleProcess StartProgram(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var managed = program.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(managed ? DotnetHost() : program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (managed)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sampleProcess = new SampleProcess(process);
        process.OutputDataReceived += (_, e) => Append(sampleProcess.standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => Append(sampleProcess.standardError, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sampleProcess;
    }

    /// <summary>HelloFs with <paramref name="arguments"/>.</summary>
    public static SampleProcess StartHelloFs(params string[] arguments) => Start("HelloFs", arguments);

    /// <summary>
    /// Waits until <paramref name="mountPoint"/> appears in /proc/self/mountinfo; throws, with the program's output,
    /// if the program exits first or the time runs out.
    /// </summary>
    public void WaitForMount(string mountPoint, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultMountTimeout;
        var clock = Stopwatch.StartNew();
        while (!MountInfo.IsMounted(mountPoint))
        {
            if (process.HasExited)
            {
                WaitForExit(TimeSpan.FromSeconds(5));
                throw new InvalidOperationException($"the sample exited with {process.ExitCode} before mounting {mountPoint}. {Describe()}");
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{mountPoint} was not mounted within {limit.TotalSeconds:0.#} s. {Describe()}");
            }

            Thread.Sleep(5);
        }
    }

    /// <summary>
    /// Waits, polling /proc, until the process has exited; returns how long that took from <paramref name="clock"/>'s
    /// start, or null after <paramref name="timeout"/>. Unlike <see cref="WaitForExit"/> this does not include the
    /// time .NET takes to notice, so it measures the program rather than the test host.
    /// </summary>
    public TimeSpan? WaitForTermination(Stopwatch clock, TimeSpan timeout)
    {
        var pid = process.Id;
        var limit = clock.Elapsed + timeout;
        while (!ProcFs.HasTerminated(pid))
        {
            if (clock.Elapsed > limit)
            {
                return null;
            }

            Thread.Sleep(1);
        }

        return clock.Elapsed;
    }

    /// <summary>Waits for the process to exit; when it has, its output is complete.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            return false;
        }

        // The parameterless overload also waits for the redirected streams to reach end of file.
        process.WaitForExit();
        return true;
    }

    /// <summary>The captured output, for failure messages.</summary>
    public string Describe() => $"stdout: [{StandardOutput.TrimEnd()}] stderr: [{StandardError.TrimEnd()}]";

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started.
        }

        process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
