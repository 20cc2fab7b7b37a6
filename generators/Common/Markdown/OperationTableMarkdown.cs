using System.Collections.Generic;
using System.Linq;
using System.Text;
using FuseGen.Catalog;
using FuseGen.Signatures;

namespace FuseGen.Markdown;

/// <summary>The README's tables of operations, rendered from each API's catalog so the two never drift apart.</summary>
internal static class OperationTableMarkdown
{
    /// <summary>
    /// A markdown table, one row per operation in <c>struct fuse_operations</c> order: attribute, libfuse member,
    /// accepted signatures (canonical first, then the alternatives of the return value and of each slot that has
    /// any) and what happens when the operation is not implemented. Every row is one line; ends with a newline.
    /// </summary>
    public static string RenderMarkdown() => RenderMarkdown(ApiCatalog.Path);

    /// <summary>The table of one API's catalog (<see cref="ApiCatalog.Path"/>, <see cref="ApiCatalog.Inode"/>).</summary>
    public static string RenderMarkdown(ApiCatalog catalog)
    {
        var text = new StringBuilder();
        text.Append("| Attribute | libfuse member | Accepted signature | When not implemented |\n");
        text.Append("|---|---|---|---|\n");
        foreach (var operation in catalog.All)
        {
            text.Append("| ").Append(Cell(Code("[" + operation.Name + "]")))
                .Append(" | ").Append(Cell(Code(operation.NativeName)))
                .Append(" | ").Append(Cell(Signatures(operation)))
                .Append(" | ").Append(Cell(operation.WhenAbsent))
                .Append(" |\n");
        }

        return text.ToString();
    }

    private static string Signatures(OperationDescriptor operation)
    {
        if (!operation.IsBindable)
        {
            return "*not supported yet*";
        }

        var lines = new List<string> { Code(operation.CanonicalSignature(operation.Name)) };
        if (operation.Result.Shapes.Count > 1)
        {
            lines.Add("returns " + Alternatives(operation.Result.Shapes.Select(shape => Code(shape.DisplayType) + RequiredWith(operation, shape))));
        }

        // The inode API's task forms (the path API has none): what an async method may return instead.
        var awaitable = operation.Result.Shapes.Where(shape => shape.IsAwaitable).ToList();
        if (awaitable.Count > 0)
        {
            lines.Add("async: " + Alternatives(awaitable.Select(shape => shape.TypeName == "void"
                ? Code("ValueTask") + " or " + Code("Task")
                : Code($"ValueTask<{shape.DisplayType}>") + " or " + Code($"Task<{shape.DisplayType}>"))));
        }

        // Slots with a choice to make; a slot tied to a return shape (readlink's buffer) is shown with that shape instead.
        var choices = operation.Slots
            .Where(s => s.Kind.Shapes.Count > 1 || (s.Optional && s.Kind.Shapes.Count > 0))
            .Where(s => !operation.Result.Shapes.Any(r => r.RequiresKind == s.Kind.Id));
        foreach (var slot in choices)
        {
            lines.Add(Code(SignatureMatcher.Accepted(slot)).Replace(" or ", "` or `") + (slot.Optional ? " (may be left out)" : ""));
        }

        return string.Join("<br>", lines);
    }

    /// <summary>For a return shape that needs a parameter (readlink's <c>int</c>): <c> with `Span&lt;byte&gt; buffer`</c>.</summary>
    private static string RequiredWith(OperationDescriptor operation, ReturnShape shape)
    {
        var slot = shape.RequiresKind is null ? null : operation.Slots.FirstOrDefault(s => s.Kind.Id == shape.RequiresKind);
        return slot is null ? "" : " with " + Code(SignatureMatcher.Accepted(slot)).Replace(" or ", "` or `");
    }

    private static string Alternatives(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[list.Count - 1];
    }

    private static string Code(string text) => "`" + text + "`";

    /// <summary>A table cell: one line, with <c>|</c> escaped (also inside code spans, as GitHub requires).</summary>
    private static string Cell(string text) => text.Replace("\r", "").Replace("\n", " ").Replace("|", "\\|");
}
