using System;
using System.IO;
using Xunit;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary>
/// Expected-file snapshots: <c>Snapshots/&lt;Name&gt;.g.cs.txt</c> holds the generated source with the generator version
/// masked. A mismatch writes <c>&lt;Name&gt;.g.cs.received.txt</c> next to it; FUSEGEN_ACCEPT_SNAPSHOTS=1 accepts instead.
/// </summary>
internal static class Snapshot
{
    public const string VersionPlaceholder = "{version}";

    /// <summary>The generated text as snapshots store it: the version stamped by the generator becomes a placeholder.</summary>
    public static string Mask(string generated) => generated.Replace(ThisAssembly.Version, VersionPlaceholder, StringComparison.Ordinal);

    public static void Verify(string name, string generated)
    {
        var actual = Mask(generated);
        var expectedPath = TestPaths.Snapshot(name);
        var receivedPath = TestPaths.ReceivedSnapshot(name);

        if (TestSwitches.AcceptSnapshots)
        {
            File.WriteAllText(expectedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(expectedPath))
        {
            File.WriteAllText(receivedPath, actual);
            Assert.Fail($"No snapshot {expectedPath}. Review {receivedPath}, then run with FUSEGEN_ACCEPT_SNAPSHOTS=1 to accept it.");
        }

        var expected = File.ReadAllText(expectedPath);
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        Assert.Fail($"Generated source differs from {expectedPath} {FirstDifference(expected, actual)}.\n" +
            $"Compare with: diff {expectedPath} {receivedPath}\n" +
            "Run with FUSEGEN_ACCEPT_SNAPSHOTS=1 to accept the new output.");
    }

    /// <summary>Describes the first differing line, e.g. <c>at line 12: expected "..." but got "..."</c>.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : null;
            var a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
            {
                return $"at line {i + 1}: expected {Quote(e)} but got {Quote(a)}";
            }
        }

        return "(no line differs)";
    }

    private static string Quote(string? line) => line is null ? "end of file" : "\"" + line.Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}
