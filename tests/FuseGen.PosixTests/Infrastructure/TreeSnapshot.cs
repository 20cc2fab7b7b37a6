using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace FuseGen.PosixTests.Infrastructure;

/// <summary>What a comparison of two trees looks at.</summary>
internal sealed record SnapshotOptions
{
    /// <summary>Full permission bits (else only whether the owner may execute, all git keeps).</summary>
    public bool Modes { get; init; } = true;

    public bool Owners { get; init; } = true;

    /// <summary>Modification times of files, directories and symlinks, in whole seconds.</summary>
    public bool Times { get; init; } = true;

    /// <summary>user.* extended attributes.</summary>
    public bool Xattrs { get; init; } = true;

    /// <summary>Which names are hard links of one another.</summary>
    public bool HardLinks { get; init; } = true;

    /// <summary>Leave out directories with nothing below them (git does not track them).</summary>
    public bool SkipEmptyDirectories { get; init; }

    /// <summary>Top-level names to leave out (e.g. .git).</summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = Array.Empty<string>();
}

/// <summary>
/// A tree as lines of text, one per entry: type, mode, owner, size, SHA-256 of the contents or the link target,
/// mtime, xattrs and hard-link group, as chosen. Two trees are identical when their lines are.
/// </summary>
internal static class TreeSnapshot
{
    public static List<string> Take(string root, SnapshotOptions options)
    {
        var lines = new List<string>();
        var inodes = new Dictionary<ulong, string>();
        Walk(root, "", options, lines, inodes);
        return lines;
    }

    private static bool Walk(string root, string relative, SnapshotOptions options, List<string> lines, Dictionary<ulong, string> inodes)
    {
        var any = false;
        var directory = Path.Combine(root, relative);
        foreach (var name in Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (relative.Length == 0 && options.Exclude.Contains(name!))
            {
                continue;
            }

            var path = relative.Length == 0 ? name! : relative + "/" + name;
            var full = Path.Combine(root, path);
            var stat = Sys.LStat(full);
            var line = $"{path} type={Convert.ToString(stat.Type, 8)}";
            line += options.Modes ? $" mode={Convert.ToString(stat.Permissions, 8)}" : $" exec={(stat.Permissions & 0x40) != 0}";
            if (options.Owners)
            {
                line += $" owner={stat.Uid}:{stat.Gid}";
            }

            if (stat.Type == LibC.S_IFREG)
            {
                using var stream = File.OpenRead(full);
                line += $" size={stat.Size} sha256={Convert.ToHexString(SHA256.HashData(stream))}";
                if (options.HardLinks && stat.Links > 1)
                {
                    line += inodes.TryGetValue(stat.Inode, out var first) ? $" linked-to={first}" : "";
                    inodes.TryAdd(stat.Inode, path);
                }
            }
            else if (stat.Type == LibC.S_IFLNK)
            {
                line += $" target={Sys.ReadLink(full)}";
            }

            if (options.Xattrs && stat.Type != LibC.S_IFLNK)
            {
                foreach (var attribute in Sys.ListXattr(full).Where(n => n.StartsWith("user.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    line += $" {attribute}={Convert.ToHexString(Sys.GetXattr(full, attribute))}";
                }
            }

            if (options.Times)
            {
                line += $" mtime={stat.ModificationTime / 1_000_000_000}";
            }

            var index = lines.Count;
            lines.Add(line);
            if (stat.Type == LibC.S_IFDIR && !Walk(root, path, options, lines, inodes) && options.SkipEmptyDirectories)
            {
                lines.RemoveAt(index);
                continue;
            }

            any = true;
        }

        return any;
    }
}
