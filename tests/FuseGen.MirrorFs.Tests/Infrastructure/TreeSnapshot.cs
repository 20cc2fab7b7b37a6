using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Xunit;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>
/// Everything a byte-identical copy must reproduce, per relative path: type, permission bits, contents (SHA-256),
/// link targets, device numbers, user.* extended attributes, modification times, and which names are hard links
/// of each other.
/// </summary>
internal sealed class TreeSnapshot
{
    private TreeSnapshot(Dictionary<string, string> entries, List<string> hardLinks)
    {
        Entries = entries;
        HardLinks = hardLinks;
    }

    public Dictionary<string, string> Entries { get; }

    /// <summary>Each group of names sharing an inode, as "a|b|c", sorted.</summary>
    public List<string> HardLinks { get; }

    /// <summary>Walks <paramref name="root"/> without following links.</summary>
    /// <param name="times">Include modification times (of everything but symbolic links).</param>
    /// <param name="permissions">Include all permission bits; otherwise only whether a file is executable (what git keeps).</param>
    public static TreeSnapshot Take(string root, bool times = true, bool xattrs = true, bool permissions = true, Func<string, bool>? include = null)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var inodes = new Dictionary<ulong, List<string>>();
        Walk(root, "", entries, inodes, times, xattrs, permissions, include ?? (_ => true));
        var links = inodes.Values.Where(l => l.Count > 1).Select(l => string.Join('|', l.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal).ToList();
        return new TreeSnapshot(entries, links);
    }

    /// <summary>Asserts that <paramref name="actual"/> reproduces this tree, naming the first difference.</summary>
    public void AssertSame(TreeSnapshot actual, string what)
    {
        var missing = Entries.Keys.Except(actual.Entries.Keys).ToList();
        var extra = actual.Entries.Keys.Except(Entries.Keys).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{what}: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]");
        foreach (var (path, expected) in Entries)
        {
            Assert.True(expected == actual.Entries[path], $"{what}: {path} differs:\n  expected {expected}\n  actual   {actual.Entries[path]}");
        }

        Assert.Equal(HardLinks, actual.HardLinks);
    }

    private static void Walk(string root, string relative, Dictionary<string, string> entries, Dictionary<ulong, List<string>> inodes, bool times, bool xattrs, bool permissions, Func<string, bool> include)
    {
        var full = relative.Length == 0 ? root : Path.Combine(root, relative);
        foreach (var name in Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            var child = relative.Length == 0 ? name! : relative + "/" + name;
            if (!include(child))
            {
                continue;
            }

            var path = Path.Combine(root, child);
            var status = Posix.Stat(path);
            var description = permissions
                ? $"{status.Type} {Convert.ToString(status.Mode & 0xFFF, 8)}"
                : $"{status.Type} {(status.Type == FuseGen.FileType.Regular && (status.Mode & 0x40) != 0 ? "x" : "-")}";
            switch (status.Type)
            {
                case FuseGen.FileType.Regular:
                    description += $" {status.Size} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}";
                    if (status.Links > 1)
                    {
                        (inodes.TryGetValue(status.Inode, out var list) ? list : inodes[status.Inode] = new List<string>()).Add(child);
                    }

                    break;
                case FuseGen.FileType.SymbolicLink:
                    description += " -> " + Posix.ReadLink(path);
                    break;
                case FuseGen.FileType.CharacterDevice or FuseGen.FileType.BlockDevice:
                    description += $" dev {status.Stat.DeviceNumber}";
                    break;
            }

            if (times && status.Type != FuseGen.FileType.SymbolicLink)
            {
                description += $" mtime {status.Stat.ModificationTime}";
            }

            if (xattrs && status.Type is FuseGen.FileType.Regular or FuseGen.FileType.Directory)
            {
                foreach (var attribute in Posix.ListXattr(path).Where(a => a.StartsWith("user.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    description += $" {attribute}={Convert.ToHexString(Posix.GetXattr(path, attribute) ?? Array.Empty<byte>())}";
                }
            }

            entries.Add(child, description);
            if (status.Type == FuseGen.FileType.Directory)
            {
                Walk(root, child, entries, inodes, times, xattrs, permissions, include);
            }
        }
    }
}
