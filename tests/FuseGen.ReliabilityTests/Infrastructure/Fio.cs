using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using FuseGen.Testing;

namespace FuseGen.ReliabilityTests.Infrastructure;

/// <summary>Runs fio with data verification and reads its JSON report.</summary>
internal static class Fio
{
    public sealed record Result(int ExitCode, int Error, long ReadBytes, long WriteBytes, long ReadOps, long WriteOps, double Seconds, string Output)
    {
        public override string ToString() =>
            $"fio exit {ExitCode}, error {Error}: {WriteOps} writes ({WriteBytes / 1048576.0:0} MiB) and {ReadOps} reads ({ReadBytes / 1048576.0:0} MiB, verified writes included) in {Seconds:0.0} s";
    }

    /// <summary>
    /// <c>fio --rw=randrw --bs=4k --direct=1 --verify=crc32c --verify_fatal=1</c> (O_DIRECT: every read reaches the filesystem, not the page cache) with <paramref name="jobs"/> jobs of
    /// <paramref name="bytesPerJob"/> each in <paramref name="directory"/>: every block written carries a checksum and
    /// is read back and checked.
    /// </summary>
    public static Result RandomReadWriteVerify(string directory, long bytesPerJob, int jobs, TimeSpan timeout)
    {
        var arguments = new[]
        {
            "--name=verify", "--directory=" + directory, "--size=" + bytesPerJob.ToString(CultureInfo.InvariantCulture),
            "--numjobs=" + jobs.ToString(CultureInfo.InvariantCulture), "--rw=randrw", "--bs=4k", "--ioengine=psync", "--direct=1",
            "--verify=crc32c", "--verify_fatal=1", "--group_reporting", "--output-format=json",
        };
        Command.Result run;
        try
        {
            run = Command.Run("fio", timeout, arguments);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("fio is not installed (scripts/test.sh installs the fio package): " + e.Message, e);
        }

        if (run.TimedOut)
        {
            return new Result(-1, -1, 0, 0, 0, 0, timeout.TotalSeconds, "timed out; " + run.StandardError);
        }

        var text = run.StandardOutput;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return new Result(run.ExitCode, -1, 0, 0, 0, 0, 0, text + run.StandardError);
        }

        using var document = JsonDocument.Parse(text.Substring(start));
        var job = document.RootElement.GetProperty("jobs").EnumerateArray().First();
        var read = job.GetProperty("read");
        var write = job.GetProperty("write");
        return new Result(
            run.ExitCode,
            job.GetProperty("error").GetInt32(),
            read.GetProperty("io_bytes").GetInt64(),
            write.GetProperty("io_bytes").GetInt64(),
            read.GetProperty("total_ios").GetInt64(),
            write.GetProperty("total_ios").GetInt64(),
            job.GetProperty("elapsed").GetInt64(),
            run.StandardError);
    }
}
