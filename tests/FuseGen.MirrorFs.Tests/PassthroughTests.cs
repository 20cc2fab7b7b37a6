using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace FuseGen.MirrorFs.Tests;

/// <summary>
/// <c>MirrorFs --passthrough</c>: where the connection grants passthrough (libfuse 3.17+, kernel 6.9+, root) reads
/// and writes of an open file never reach the daemon; elsewhere the same mount forwards them. Either way the data is
/// the source's. libfuse's request log (-d) tells which happened: the INIT reply names max_stack_depth only when
/// passthrough was negotiated.
/// </summary>
public sealed class PassthroughTests : IDisposable
{
    private readonly Lazy<MirrorMount> mount = new(() => MirrorMount.Start("passthrough", "--passthrough", "-d"));

    private MirrorMount Mount => mount.Value;

    [MountFact(AsRoot = true)]
    public void Reads_and_writes_bypass_the_daemon_where_passthrough_is_granted_and_are_forwarded_elsewhere()
    {
        var data = Enumerable.Range(0, 3 << 20).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(Mount.InSource("big"), data);

        Assert.Equal(data, File.ReadAllBytes(Mount.At("big")));
        File.WriteAllText(Mount.At("created"), "written through the mount\n");
        File.AppendAllText(Mount.At("big"), "tail");
        Assert.Equal("written through the mount\n", File.ReadAllText(Mount.InSource("created")));
        Assert.Equal(data.Length + 4, new System.IO.FileInfo(Mount.InSource("big")).Length);

        // The whole request log: the daemon has exited once the mount is disposed.
        var mounted = Mount;
        mounted.Dispose();
        var log = mounted.DaemonOutput;
        var negotiated = log.Contains("max_stack_depth=", StringComparison.Ordinal);
        var reads = Regex.Matches(log, @"opcode: READ \(").Count;
        var writes = Regex.Matches(log, @"opcode: WRITE \(").Count;
        Console.WriteLine($"passthrough negotiated: {negotiated}; READ requests: {reads}, WRITE requests: {writes}");
        if (negotiated)
        {
            Assert.Equal(0, reads);
            Assert.Equal(0, writes);
        }
        else
        {
            Assert.True(reads > 0, "without passthrough the reads must have been forwarded");
        }
    }

    /// <remarks>MirrorMount.Dispose may run twice (the test disposes it to read the whole log): it is idempotent.</remarks>
    public void Dispose()
    {
        if (mount.IsValueCreated)
        {
            mount.Value.Dispose();
        }
    }
}
