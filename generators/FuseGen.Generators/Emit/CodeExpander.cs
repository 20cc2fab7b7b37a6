using System;
using System.Linq;
using System.Text;
using FuseGen.Catalog;
using FuseGen.SourceGeneration;

namespace FuseGen.Generators.Emit;

/// <summary>Fills the holes of a catalog <see cref="CodeTemplate"/>: the one place catalog code becomes C# text.</summary>
internal static class CodeExpander
{
    public static string Expand(CodeTemplate template, CodeExpansion expansion)
    {
        var text = new StringBuilder();
        foreach (var part in template.Parts)
        {
            text.Append(part is CodeHole hole ? Fill(hole, expansion, template) : (string)part);
        }

        return text.ToString();
    }

    private static string Fill(CodeHole hole, CodeExpansion expansion, CodeTemplate template) => hole.Kind switch
    {
        CodeHoleKind.SlotNative => hole.Index < expansion.SlotNatives.Count
            ? expansion.SlotNatives[hole.Index]
            : throw Missing(hole, template, $"the slot has {expansion.SlotNatives.Count} native parameters"),
        CodeHoleKind.KindNative => KindNative(hole, expansion, template),
        CodeHoleKind.Local => expansion.Local ?? throw Missing(hole, template, "no local here"),
        CodeHoleKind.HandleType => expansion.HandleType ?? throw Missing(hole, template, "not a handle argument"),
        CodeHoleKind.Call => expansion.Call ?? throw Missing(hole, template, "not a result"),
        CodeHoleKind.Request => expansion.Request ?? throw Missing(hole, template, "no request here"),
        CodeHoleKind.Failure => expansion.Failure ?? throw Missing(hole, template, "not a failure"),
        CodeHoleKind.Result => expansion.Result ?? throw Missing(hole, template, "no result here"),
        CodeHoleKind.Exception => expansion.Exception ?? throw Missing(hole, template, "not a failure"),
        CodeHoleKind.OperationName => expansion.Operation is { } operation ? "\"" + operation.NativeName + "\"" : throw Missing(hole, template, "no operation"),
        CodeHoleKind.KindLocal => EntryPoints.Local(SlotOf(hole, expansion, template)),
        CodeHoleKind.Pending => expansion.Pending ?? throw Missing(hole, template, "not an async entry point"),
        CodeHoleKind.PendingFileInfo => (expansion.Pending ?? throw Missing(hole, template, "not an async entry point")) + "." + RuntimeNames.AsyncInodeRequest.FileInfo,
        _ => throw Missing(hole, template, "unknown hole"),
    };

    private static OperationSlot SlotOf(CodeHole hole, CodeExpansion expansion, CodeTemplate template) =>
        expansion.Operation?.Slots.FirstOrDefault(s => s.Kind == hole.SlotKind)
            ?? throw Missing(hole, template, $"{expansion.Operation?.NativeName ?? "no operation"} has no '{hole.SlotKind!.Id}' slot");

    private static string KindNative(CodeHole hole, CodeExpansion expansion, CodeTemplate template)
    {
        var slot = SlotOf(hole, expansion, template);
        return hole.Index < slot.NativeNames.Count
            ? CSharpNames.Identifier(slot.NativeNames[hole.Index])
            : throw Missing(hole, template, $"slot '{slot.Name}' has {slot.NativeNames.Count} native parameters");
    }

    private static InvalidOperationException Missing(CodeHole hole, CodeTemplate template, string why) =>
        new($"Catalog template '{template}' has a hole {{{hole}}} with no value: {why}.");
}
