using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Text;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// Reads /proc/self/mountinfo. Whether something is mounted is always decided here, never by touching the mount
/// point: a stat of a hung FUSE mount would hang the test run.
/// </summary>
internal static class MountTable
{
    /// <summary>The mount points currently mounted (decoded).</summary>
    public static IReadOnlyList<string> MountPoints()
    {
        var points = new List<string>();
        foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4)
            {
                points.Add(Decode(fields[4]));
            }
        }

        return points;
    }

    public static bool IsMounted(string mountPoint) => MountPoints().Contains(Path.GetFullPath(mountPoint).TrimEnd('/'));

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Decode(string field)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                bytes.Add((byte)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.Add((byte)field[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
