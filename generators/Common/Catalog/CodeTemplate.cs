using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace FuseGen.Catalog;

/// <summary>
/// A C# expression or statement with typed holes (<see cref="CodeHole"/>): the form of every piece of code the
/// catalog contributes to an entry point. What a template needs (the request, the call) is read from its holes, never
/// searched for in text.
/// </summary>
internal sealed class CodeTemplate
{
    private CodeTemplate(IReadOnlyList<object> parts)
    {
        Parts = parts;
    }

    /// <summary>Text (<see cref="string"/>) and holes (<see cref="CodeHole"/>), in order.</summary>
    public IReadOnlyList<object> Parts { get; }

    public IEnumerable<CodeHole> Holes => Parts.OfType<CodeHole>();

    /// <summary>Whether the template reads the request local.</summary>
    public bool UsesRequest => Uses(CodeHoleKind.Request);

    /// <summary>Whether the template contains the call of the user's method (otherwise the call is a statement of its own).</summary>
    public bool UsesCall => Uses(CodeHoleKind.Call);

    /// <summary>Whether the template contains the failure report (otherwise the report is a statement of its own).</summary>
    public bool UsesFailure => Uses(CodeHoleKind.Failure);

    public bool Uses(CodeHoleKind kind) => Holes.Any(h => h.Kind == kind);

    /// <summary>
    /// A template from an interpolated string: string arguments are text, <see cref="CodeHole"/> arguments are holes.
    /// Written <c>Code($"{Interop}NativeText.AsSpan({CodeHole.Native(0)})")</c>.
    /// </summary>
    public static CodeTemplate Of(FormattableString code)
    {
        var parts = new List<object>();
        var text = new StringBuilder();
        var format = code.Format;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                text.Append(c);
                i++;
            }
            else if (c == '{')
            {
                var end = format.IndexOf('}', i);
                var argument = code.GetArgument(int.Parse(format.Substring(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture));
                if (argument is CodeHole hole)
                {
                    Flush();
                    parts.Add(hole);
                }
                else
                {
                    text.Append(argument as string ?? throw new ArgumentException($"a template argument must be text or a CodeHole, not {argument?.GetType().Name ?? "null"}: {format}"));
                }

                i = end;
            }
            else
            {
                text.Append(c);
            }
        }

        Flush();
        return new CodeTemplate(parts);

        void Flush()
        {
            if (text.Length > 0)
            {
                parts.Add(text.ToString());
                text.Clear();
            }
        }
    }

    /// <summary>The template with its holes shown as <c>{Kind}</c>, for tests and messages.</summary>
    public override string ToString() => string.Concat(Parts.Select(p => p is CodeHole hole ? "{" + hole + "}" : (string)p));
}
