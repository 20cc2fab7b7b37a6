using System;
using System.Collections.Generic;
using System.Text;

namespace FuseGen.SourceGeneration;

/// <summary>Writes source text with consistent indentation and LF line endings, whatever the host OS.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public IndentedWriter Line(string line = "")
    {
        foreach (var part in line.Split('\n'))
        {
            if (part.Length > 0)
            {
                text.Append(' ', depth * 4).Append(part);
            }

            text.Append('\n');
        }

        return this;
    }

    public IndentedWriter Lines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <c>}</c>.</summary>
    public IDisposable Block(string? header = null, string closing = "}")
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        depth++;
        return new Scope(this, closing);
    }

    public override string ToString() => text.ToString();

    private sealed class Scope : IDisposable
    {
        private readonly IndentedWriter writer;
        private readonly string closing;

        public Scope(IndentedWriter writer, string closing)
        {
            this.writer = writer;
            this.closing = closing;
        }

        public void Dispose()
        {
            writer.depth--;
            writer.Line(closing);
        }
    }
}
