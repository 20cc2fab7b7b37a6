using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.Diagnostics;
using FuseGen.IntegrationTests.FileSystems;
using FuseGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace FuseGen.IntegrationTests;

/// <summary>libfuse's own log, from its C varargs through <see cref="FuseLibraryLog.Handler"/>, on a real mount.</summary>
[Collection(MountCollection.Name)]
public sealed class LibfuseLogTests : MountTest
{
    public LibfuseLogTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [MountFact]
    public async Task Request_traces_of_a_debug_mount_reach_the_handler_at_debug_level_one_message_each()
    {
        var messages = new ConcurrentQueue<(FuseLogLevel Level, string Text)>();
        FuseLibraryLog.Handler = (level, text) => messages.Enqueue((level, text));
        try
        {
            using var mountPoint = TempMountPoint.Create();
            using var watchdog = new MountWatchdog(mountPoint, log: Output.WriteLine);
            await using (Fuse.Mount(new ProbeFs("logged\n"), mountPoint.Path, new MountOptions { Debug = true, AttrTimeout = 0, EntryTimeout = 0 }))
            {
                Assert.Equal("logged\n", await File.ReadAllTextAsync(Path.Combine(mountPoint.Path, ProbeFs.FileName)));
            }
        }
        finally
        {
            FuseLibraryLog.Handler = null;
        }

        foreach (var (level, text) in messages.Take(5))
        {
            Output.WriteLine($"{level}: {text}");
        }

        // libfuse -d: "unique: 4, opcode: READ (15), nodeid: 2, insize: 80, pid: 1234" for every request.
        Assert.Contains(messages, m => m.Level == FuseLogLevel.Debug && m.Text.Contains("opcode: READ", System.StringComparison.Ordinal));
        Assert.All(messages, m => Assert.False(m.Text.EndsWith('\n'), $"'{m.Text}' keeps libfuse's newline"));
    }
}
