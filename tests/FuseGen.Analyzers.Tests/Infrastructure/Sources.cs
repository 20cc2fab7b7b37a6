using System.Linq;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>Boilerplate around the members a test is about.</summary>
internal static class Sources
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using FuseGen;

        """;

    /// <summary>A file declaring <c>[FuseFileSystem] public partial class Fs</c> with the given members.</summary>
    public static string FileSystem(string members) =>
        Usings + "\n[FuseFileSystem]\npublic partial class Fs\n{\n" + Indent(members) + "}\n";

    /// <summary>Each non-empty line of <paramref name="members"/>, indented as a class member.</summary>
    public static string Indent(string members) =>
        string.Concat(members.Split('\n').Select(line => line.Length == 0 ? "\n" : "    " + line + "\n"));
}
