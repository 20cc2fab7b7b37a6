using System.IO;
using System.Linq;

namespace FuseGen.Testing;

/// <summary>What /proc/self/mountinfo says: reading it never touches a (possibly hung) FUSE mount.</summary>
public static class MountTable
{
    public static bool IsMounted(string mountPoint)
    {
        var full = Path.GetFullPath(mountPoint).TrimEnd('/');
        return File.ReadLines("/proc/self/mountinfo")
            .Select(line => line.Split(' '))
            .Any(fields => fields.Length > 4 && Unescape(fields[4]) == full);
    }

    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
