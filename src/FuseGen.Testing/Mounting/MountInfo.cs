using System;
using System.IO;
using System.Text;

namespace FuseGen.Testing;

/// <summary>
/// Reads /proc/self/mountinfo. Checking a mount this way never touches the filesystem itself, so it cannot block
/// on a hung FUSE daemon the way stat of the mount point would.
/// </summary>
public static class MountInfo
{
    /// <summary>One mount: the mount point, the connection's device minor, type and source.</summary>
    /// <param name="MountPoint">Where it is mounted.</param>
    /// <param name="Minor">The device minor number: for FUSE, the connection's directory in /sys/fs/fuse/connections.</param>
    /// <param name="FileSystemType">For example <c>fuse</c> or <c>fuse.NAME</c>.</param>
    /// <param name="Source">What was mounted (the filesystem's name for FUSE).</param>
    /// <param name="Line">The whole mountinfo line, for messages.</param>
    public sealed record Entry(string MountPoint, string Minor, string FileSystemType, string Source, string Line);

    /// <summary>True when anything is mounted at <paramref name="mountPoint"/>.</summary>
    public static bool IsMounted(string mountPoint) => Find(mountPoint) is not null;

    /// <summary>The newest mount at <paramref name="mountPoint"/>, or null.</summary>
    public static Entry? Find(string mountPoint)
    {
        Entry? found = null;
        foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
        {
            // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || separator < 0 || separator + 2 >= fields.Length)
            {
                continue;
            }

            if (Unescape(fields[4]) == mountPoint)
            {
                var device = fields[2];
                found = new Entry(mountPoint, device.Substring(device.IndexOf(':') + 1), fields[separator + 1], Unescape(fields[separator + 2]), line);
            }
        }

        return found;
    }

    // mountinfo writes space, tab, newline and backslash as \ooo.
    private static string Unescape(string field)
    {
        if (field.IndexOf('\\', StringComparison.Ordinal) < 0)
        {
            return field;
        }

        var text = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
