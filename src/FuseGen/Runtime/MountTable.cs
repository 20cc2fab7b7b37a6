using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace FuseGen.Runtime;

/// <summary>Reads /proc/self/mountinfo: finding a mount must never touch the (possibly hung) filesystem itself.</summary>
internal static class MountTable
{
    private const string MountInfoPath = "/proc/self/mountinfo";

    /// <summary>The FUSE connection id (device minor) of the newest FUSE mount at <paramref name="mountPoint"/>, or null.</summary>
    public static string? FindFuseConnection(string mountPoint) => FindFuseConnection(mountPoint, ReadMountInfo());

    /// <summary><see cref="FindFuseConnection(string)"/> on the given mountinfo text.</summary>
    internal static string? FindFuseConnection(string mountPoint, string mountInfo)
    {
        string? found = null;
        foreach (var entry in Parse(mountInfo))
        {
            // Later lines are newer mounts stacked on the same point: the last match is the visible one.
            if (entry.IsFuse && entry.MountPoint == mountPoint)
            {
                found = entry.Minor;
            }
        }

        return found;
    }

    /// <summary>True when anything is mounted at <paramref name="mountPoint"/>.</summary>
    public static bool IsMounted(string mountPoint) => IsMounted(mountPoint, ReadMountInfo());

    /// <summary><see cref="IsMounted(string)"/> on the given mountinfo text.</summary>
    internal static bool IsMounted(string mountPoint, string mountInfo)
    {
        foreach (var entry in Parse(mountInfo))
        {
            if (entry.MountPoint == mountPoint)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the visible (newest) mount at <paramref name="mountPoint"/> is the FUSE connection
    /// <paramref name="connection"/>: unmounting the path would unmount that connection and nothing else.
    /// </summary>
    public static bool IsTopFuseMount(string mountPoint, string connection) => IsTopFuseMount(mountPoint, connection, ReadMountInfo());

    /// <summary><see cref="IsTopFuseMount(string, string)"/> on the given mountinfo text.</summary>
    internal static bool IsTopFuseMount(string mountPoint, string connection, string mountInfo)
    {
        MountInfoEntry? top = null;
        foreach (var entry in Parse(mountInfo))
        {
            if (entry.MountPoint == mountPoint)
            {
                top = entry;
            }
        }

        return top is { IsFuse: true } && top.Minor == connection;
    }

    /// <summary>Parses mountinfo text (proc(5)); lines that are too short are skipped.</summary>
    internal static List<MountInfoEntry> Parse(string mountInfo)
    {
        var entries = new List<MountInfoEntry>();
        foreach (var line in mountInfo.Split('\n'))
        {
            // id parent major:minor root mountpoint options [optional fields...] - fstype source superoptions
            var fields = line.Split(' ');
            if (fields.Length < 5)
            {
                continue;
            }

            var separator = fields.Length > 6 ? Array.IndexOf(fields, "-", 6) : -1;
            var type = separator >= 0 && separator + 1 < fields.Length ? fields[separator + 1] : "";
            var source = separator >= 0 && separator + 2 < fields.Length ? Unescape(fields[separator + 2]) : "";
            entries.Add(new MountInfoEntry(Unescape(fields[4]), type, source, fields[2]));
        }

        return entries;
    }

    private static string ReadMountInfo()
    {
        try
        {
            return File.ReadAllText(MountInfoPath);
        }
        catch (IOException)
        {
            return "";
        }
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo octal.
    private static string Unescape(string field)
    {
        if (field.IndexOf('\\') < 0)
        {
            return field;
        }

        var text = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
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

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}

/// <summary>One line of mountinfo.</summary>
/// <param name="MountPoint">Where it is mounted, unescaped.</param>
/// <param name="FileSystemType">Type: <c>fuse</c>, <c>fuse.SUBTYPE</c>, <c>ext4</c>, ...</param>
/// <param name="Source">Mount source (for FUSE the <c>fsname</c>), unescaped.</param>
/// <param name="Device">The <c>major:minor</c> device of the mount.</param>
internal sealed record MountInfoEntry(string MountPoint, string FileSystemType, string Source, string Device)
{
    /// <summary>A high-level FUSE mount (<c>fuse</c> or <c>fuse.SUBTYPE</c>).</summary>
    public bool IsFuse => FileSystemType == "fuse" || FileSystemType.StartsWith("fuse.", StringComparison.Ordinal);

    /// <summary>The subtype of a <c>fuse.SUBTYPE</c> mount, otherwise null.</summary>
    public string? Subtype => FileSystemType.StartsWith("fuse.", StringComparison.Ordinal) ? FileSystemType.Substring(5) : null;

    /// <summary>The device minor; for FUSE mounts the connection id under /sys/fs/fuse/connections.</summary>
    public string Minor => Device.Substring(Device.IndexOf(':') + 1);
}
