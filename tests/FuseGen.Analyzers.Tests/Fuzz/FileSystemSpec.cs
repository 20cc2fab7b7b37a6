using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace FuseGen.Analyzers.Tests.Fuzz;

/// <summary>How the filesystem type itself is declared: valid forms and each way it can be wrong.</summary>
internal enum TypeShape
{
    Normal,
    Abstract,
    NestedInPartialStruct,
    NotPartial,
    Static,
    Generic,
    NestedInNonPartial,
    NestedInGeneric,
    Record,
    FileLocal,
    Struct,
    KeywordName,
    KeywordNamespace,
    WithoutAttribute,
}

/// <summary>One test file: a filesystem type of some shape, its methods, and the mutations that made them.</summary>
internal sealed record FileSystemSpec(int Index, TypeShape Shape, ImmutableList<MethodSpec> Methods, ImmutableList<string> Mutations)
{
    public string Namespace => Shape == TypeShape.KeywordNamespace ? $"V{Index}.@event" : $"V{Index}";

    public string Render()
    {
        var members = new StringBuilder();
        members.Append("public sealed class ").Append(BaseSignatures.HandleType).Append(";\n");
        foreach (var method in Methods)
        {
            members.Append('\n').Append(method.Render());
        }

        var attribute = Shape == TypeShape.WithoutAttribute ? "" : "[FuseFileSystem]\n";
        var declaration = Shape switch
        {
            TypeShape.Abstract => "public abstract partial class Fs",
            TypeShape.NotPartial => "public class Fs",
            TypeShape.Static => "public static partial class Fs",
            TypeShape.Generic => "public partial class Fs<TFs>",
            TypeShape.Record => "public partial record Fs",
            TypeShape.FileLocal => "file partial class Fs",
            TypeShape.Struct => "public partial struct Fs",
            TypeShape.KeywordName => "public partial class @class",
            _ => "public partial class Fs",
        };
        var type = attribute + declaration + "\n{\n" + Indent(members.ToString()) + "}\n";
        var outer = Shape switch
        {
            TypeShape.NestedInPartialStruct => "public partial struct Outer",
            TypeShape.NestedInNonPartial => "public class Outer",
            TypeShape.NestedInGeneric => "public partial class Outer<TOuter>",
            _ => null,
        };
        if (outer is not null)
        {
            type = outer + "\n{\n" + Indent(type) + "}\n";
        }

        return $"// Variant {Index}: {Shape}; {string.Join(", ", Mutations)}\n" +
            "using System;\nusing System.Collections.Generic;\nusing System.Threading.Tasks;\nusing FuseGen;\n\n" +
            $"namespace {Namespace};\n\n" + type;
    }

    private static string Indent(string text) =>
        string.Concat(text.Split('\n').SkipLast(1).Select(line => line.Length == 0 ? "\n" : "    " + line + "\n"));
}
