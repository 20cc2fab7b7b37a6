using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FuseGen.CodeFixes;

/// <summary>Small syntax edits the fixes share.</summary>
internal static class SyntaxEditing
{
    /// <summary>Adds <c>partial</c> as the last modifier, keeping the declaration's leading trivia in place.</summary>
    public static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return type;
        }

        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count == 0)
        {
            // The keyword's leading trivia (indentation, doc comments) must move onto the new first token.
            var keyword = type.Keyword;
            return type
                .WithKeyword(keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
        }

        return type.WithModifiers(type.Modifiers.Add(partial));
    }

    /// <summary>The whitespace that ends leading trivia: the indentation of the token it belongs to.</summary>
    public static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var start = leading.Count;
        while (start > 0 && leading[start - 1].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            start--;
        }

        return SyntaxFactory.TriviaList(leading.Skip(start));
    }

    /// <summary>The document's own line break, so an inserted line does not bring CRLF into an LF file or back.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root) =>
        root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } existing
            ? existing
            : SyntaxFactory.ElasticCarriageReturnLineFeed;
}
