using System.IO;
using System.Text;

namespace FuseGen.Runtime;

/// <summary>Reads /proc/self/mountinfo: finding a mount must never touch the (possibly hung) filesystem itself.</summary>
internal static class MountTable
{
    /// <summary>The FUSE connection id (device minor) of the newest FUSE mount at <paramref name="mountPoint"/>, or null.</summary>
    public static string? FindFuseConnection(string mountPoint)
    {
        string? found = null;
        foreach (var line in ReadLines())
        {
            // id parent major:minor root mountpoint options ... - fstype source superoptions
            var fields = line.Split(' ');
            var separator = System.Array.IndexOf(fields, "-");
            if (fields.Length < 5 || separator < 0 || separator + 1 >= fields.Length)
            {
                continue;
            }

            var type = fields[separator + 1];
            if ((type == "fuse" || type.StartsWith("fuse.", System.StringComparison.Ordinal)) && Unescape(fields[4]) == mountPoint)
            {
                found = fields[2].Substring(fields[2].IndexOf(':') + 1);
            }
        }

        return found;
    }

    /// <summary>True when anything is mounted at <paramref name="mountPoint"/>.</summary>
    public static bool IsMounted(string mountPoint)
    {
        foreach (var line in ReadLines())
        {
            var fields = line.Split(' ');
            if (fields.Length >= 5 && Unescape(fields[4]) == mountPoint)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] ReadLines()
    {
        try
        {
            return File.ReadAllLines("/proc/self/mountinfo");
        }
        catch (IOException)
        {
            return System.Array.Empty<string>();
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
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                text.Append((char)System.Convert.ToInt32(field.Substring(i + 1, 3), 8));
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
