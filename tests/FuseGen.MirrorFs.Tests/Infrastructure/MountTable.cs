using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>
/// Reads /proc/self/mountinfo, the only way the tests look at a mount that might be hung: it never touches the
/// mount point itself.
/// </summary>
internal static class MountTable
{
    /// <summary>The filesystem type of what is mounted at <paramref name="mountPoint"/> (e.g. fuse.mirrorfs), or null.</summary>
    public static string? TypeAt(string mountPoint)
    {
        string? type = null;
        foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
        {
            // id parent major:minor root mount-point options [optional...] - type source super-options
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length > 4 && separator > 0 && separator + 1 < fields.Length && Unescape(fields[4]) == mountPoint)
            {
                type = fields[separator + 1];
            }
        }

        return type;
    }

    public static bool IsMounted(string mountPoint) => TypeAt(mountPoint) is not null;

    /// <summary>Mount points of FUSE filesystems under <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> FuseMountsUnder(string prefix)
    {
        var found = new List<string>();
        foreach (var line in File.ReadAllLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length > 4 && separator > 0 && fields[separator + 1].StartsWith("fuse", StringComparison.Ordinal))
            {
                var point = Unescape(fields[4]);
                if (point.StartsWith(prefix, StringComparison.Ordinal))
                {
                    found.Add(point);
                }
            }
        }

        return found;
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                bytes.Add(Convert.ToByte(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
