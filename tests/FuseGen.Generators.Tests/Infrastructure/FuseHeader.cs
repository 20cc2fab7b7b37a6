using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary>One member of <c>struct fuse_operations</c> as fuse.h declares it.</summary>
internal sealed record HeaderOperation(string Name, string ReturnType, int ParameterCount);

/// <summary>Reads the members of <c>struct fuse_operations</c> from libfuse3's fuse.h.</summary>
internal static class FuseHeader
{
    public const string Path = "/usr/include/fuse3/fuse.h";

    /// <summary>The API version FuseGen is written against (see OperationCatalog); selects the #if branches.</summary>
    public const int UseVersion = 35;

    private static readonly Regex Member = new(@"(?<return>[A-Za-z_][\w\s]*?\**)\s*\(\*\s*(?<name>\w+)\s*\)\s*\((?<parameters>[^;]*)\)\s*;", RegexOptions.CultureInvariant);

    private static readonly Regex VersionCondition = new(@"^#\s*if\s+FUSE_USE_VERSION\s*(?<op><=|>=|==|!=|<|>)\s*(?<value>\d+)\s*$", RegexOptions.CultureInvariant);

    /// <summary>FUSE_MAJOR_VERSION.FUSE_MINOR_VERSION as fuse_common.h defines them.</summary>
    public static Version Version(string fuseCommonHeader)
    {
        int Define(string name) => int.Parse(Regex.Match(fuseCommonHeader, @"#define\s+" + name + @"\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return new Version(Define("FUSE_MAJOR_VERSION"), Define("FUSE_MINOR_VERSION"));
    }

    public static IReadOnlyList<HeaderOperation> ParseOperations(string header)
    {
        var text = Regex.Replace(header, @"/\*.*?\*/", " ", RegexOptions.Singleline);
        text = Regex.Replace(text, @"//[^\n]*", "");
        var start = text.IndexOf("struct fuse_operations {", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new FormatException("fuse.h declares no 'struct fuse_operations {'.");
        }

        var end = text.IndexOf("\n};", start, StringComparison.Ordinal);
        var body = new StringBuilder();
        var branches = new Stack<bool>();
        foreach (var line in text[(start + "struct fuse_operations {".Length)..end].Split('\n'))
        {
            var directive = line.Trim();
            if (directive.StartsWith("#if", StringComparison.Ordinal))
            {
                branches.Push(Evaluate(directive));
            }
            else if (directive.StartsWith("#else", StringComparison.Ordinal))
            {
                branches.Push(!branches.Pop());
            }
            else if (directive.StartsWith("#endif", StringComparison.Ordinal))
            {
                branches.Pop();
            }
            else if (directive.StartsWith('#'))
            {
                throw new FormatException($"Unexpected directive in struct fuse_operations: {directive}");
            }
            else if (branches.All(taken => taken))
            {
                body.Append(line).Append(' ');
            }
        }

        return Member.Matches(body.ToString())
            .Select(m => new HeaderOperation(
                m.Groups["name"].Value,
                Regex.Replace(m.Groups["return"].Value, @"\s+", " ").Trim(),
                m.Groups["parameters"].Value.Trim() is "" or "void" ? 0 : m.Groups["parameters"].Value.Split(',').Length))
            .ToList();
    }

    private static bool Evaluate(string directive)
    {
        var match = VersionCondition.Match(directive);
        if (!match.Success)
        {
            throw new FormatException($"Cannot evaluate '{directive}' in struct fuse_operations.");
        }

        var value = int.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups["op"].Value switch
        {
            "<" => UseVersion < value,
            "<=" => UseVersion <= value,
            "==" => UseVersion == value,
            "!=" => UseVersion != value,
            ">=" => UseVersion >= value,
            _ => UseVersion > value,
        };
    }
}
