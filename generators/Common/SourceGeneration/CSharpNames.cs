using Microsoft.CodeAnalysis.CSharp;

namespace FuseGen.SourceGeneration;

/// <summary>Names as C# source writes them.</summary>
internal static class CSharpNames
{
    /// <summary>A name as C# writes it: <c>@class</c> for a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
