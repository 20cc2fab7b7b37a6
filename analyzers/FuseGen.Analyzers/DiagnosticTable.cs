using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace FuseGen.Analyzers;

/// <summary>The README's diagnostics table, rendered from <see cref="DiagnosticDescriptors.All"/>.</summary>
/// <remarks>A test keeps README.md equal to <see cref="RenderMarkdown"/> (FUSEGEN_ACCEPT_SNAPSHOTS=1 rewrites it).</remarks>
internal static class DiagnosticTable
{
    /// <summary>
    /// What the code fixes (FuseGen.CodeFixes, which this assembly cannot see) do, per id; a test checks the ids
    /// against the fix providers.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CodeFixes = new Dictionary<string, string>
    {
        [DiagnosticIds.SignatureMismatch] = "use the operation's signature; change the return type",
        [DiagnosticIds.InvalidFileSystemType] = "make the type (and the types around it) partial",
        [DiagnosticIds.OperationOutsideFileSystem] = "add [FuseFileSystem] to the type",
        [DiagnosticIds.DuplicateOperation] = "remove the attribute",
        [DiagnosticIds.SeveralOperations] = "remove the attribute",
        [DiagnosticIds.HandleTypeMismatch] = "take the type the creating operation returns",
        [DiagnosticIds.HandleNeverReleased] = "take the handle in the [Release] or [Releasedir] method, or add one taking it",
        [DiagnosticIds.MissingGetattr] = "add a [Getattr] method",
        [DiagnosticIds.MissingLookup] = "add a [Lookup] method",
        [DiagnosticIds.UnmarkedFileSystem] = "add [FuseFileSystem] (or [FuseInodeFileSystem]) to the type",
        [DiagnosticIds.BlockingWaitInOperation] = "in an async method: await the task",
    };

    public static string RenderMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| id | severity | title | message | code fix |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var descriptor in DiagnosticDescriptors.All.OrderBy(d => d.Id, System.StringComparer.Ordinal))
        {
            text.Append("| <a id=\"").Append(Anchor(descriptor.Id)).Append("\"></a>").Append(descriptor.Id)
                .Append(" | ").Append(descriptor.DefaultSeverity.ToString().ToLowerInvariant())
                .Append(" | ").Append(Cell(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(" | `").Append(Cell(descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append('`')
                .Append(" | ").Append(CodeFixes.TryGetValue(descriptor.Id, out var fix) ? Cell(fix) : "none")
                .Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>The README's anchor for an id (<c>fuse001</c>).</summary>
    public static string Anchor(string id) => id.ToLowerInvariant();

    private static string Cell(string text) => text.Replace("|", "\\|");
}
