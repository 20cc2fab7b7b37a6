using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>A diagnostic a test expects: its id and exact span in the markup-free source.</summary>
internal readonly record struct ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Test sources mark expected diagnostics as <c>{|FUSE001:text|}</c>: the id, and the exact text the diagnostic
/// must cover. Markers may nest.
/// </summary>
internal static class Markup
{
    private const string Open = "{|";
    private const string Close = "|}";

    public static (string Source, ImmutableArray<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        var open = new Stack<(string Id, int Start)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (string.CompareOrdinal(markup, i, Open, 0, Open.Length) == 0)
            {
                var colon = markup.IndexOf(':', i + Open.Length);
                if (colon < 0)
                {
                    throw new FormatException($"Marker at {i} has no ':' after its id.");
                }

                open.Push((markup.Substring(i + Open.Length, colon - i - Open.Length), source.Length));
                i = colon + 1;
            }
            else if (string.CompareOrdinal(markup, i, Close, 0, Close.Length) == 0)
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"'|}}' at {i} closes no marker.");
                }

                var (id, start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length)));
                i += Close.Length;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"Marker '{open.Peek().Id}' is never closed.");
        }

        return (source.ToString(), expected.ToImmutable());
    }
}
