using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace FuseGen.Catalog;

/// <summary>One slot of libfuse3's <c>struct fuse_operations</c>: its native signature and its managed shapes.</summary>
internal sealed class OperationDescriptor
{
    public OperationDescriptor(
        string name,
        string nativeName,
        string cReturnType,
        NativeParameter[] nativeParameters,
        OperationSlot[] slots,
        ResultKind result,
        string summary,
        string whenAbsent,
        HandleRole handleRole = HandleRole.None,
        OperationTraits traits = OperationTraits.None,
        Version? introducedIn = null)
    {
        IntroducedIn = introducedIn ?? new Version(3, 0);
        HandleRole = handleRole;
        Traits = traits;
        Name = name;
        NativeName = nativeName;
        CReturnType = cReturnType;
        NativeParameters = nativeParameters;
        Slots = slots;
        Result = result;
        Summary = summary;
        WhenAbsent = whenAbsent;
    }

    /// <summary>PascalCase name: the attribute is <c>[{Name}]</c>.</summary>
    public string Name { get; }

    /// <summary>The member name in <c>struct fuse_operations</c>.</summary>
    public string NativeName { get; }

    /// <summary>Position in the native operation table, set by the catalog that lists it.</summary>
    public int Index { get; internal set; }

    public string CReturnType { get; }

    /// <summary>
    /// The libfuse version whose <c>struct fuse_operations</c> first has this member: a libfuse older than that reads
    /// a table that ends before it (see <see cref="OperationCatalog.MemberCount"/>).
    /// </summary>
    public Version IntroducedIn { get; }

    public IReadOnlyList<NativeParameter> NativeParameters { get; }

    public IReadOnlyList<OperationSlot> Slots { get; }

    public ResultKind Result { get; }

    public string Summary { get; }

    /// <summary>What libfuse and the kernel do when a filesystem does not implement the operation.</summary>
    public string WhenAbsent { get; }

    /// <summary>Whether the operation creates or releases typed handles, and of which family.</summary>
    public HandleRole HandleRole { get; }

    public OperationTraits Traits { get; }

    /// <summary>Which family of typed handles the operation makes, takes or frees.</summary>
    public HandleFamily HandleFamily =>
        HandleRole is HandleRole.CreatesDirectory or HandleRole.ReleasesDirectory || (Traits & OperationTraits.DirectoryHandles) != 0 ? HandleFamily.Directory :
        HandleRole != HandleRole.None || Slots.Any(s => s.Kind == ParameterKinds.Handle) ? HandleFamily.File :
        HandleFamily.None;

    /// <summary>Whether the kernel reaches the operation only through a path lookup, which libfuse answers with getattr.</summary>
    public bool NeedsLookup =>
        (Traits & OperationTraits.NoLookup) == 0 &&
        Slots.Any(s => s.Kind == ParameterKinds.Path || s.Kind == ParameterKinds.NewPath);

    /// <summary>Whether the operation runs on every data transfer or lookup, where a per-call allocation shows.</summary>
    public bool IsHotPath => (Traits & OperationTraits.HotPath) != 0;

    /// <summary>The role an operation must have to create handles of this operation's family.</summary>
    public HandleRole CreatorRole => HandleFamily == HandleFamily.Directory ? HandleRole.CreatesDirectory : HandleRole.CreatesFile;

    /// <summary>The role an operation must have to release handles of this operation's family.</summary>
    public HandleRole ReleaserRole => HandleFamily == HandleFamily.Directory ? HandleRole.ReleasesDirectory : HandleRole.ReleasesFile;

    public string AttributeName => Name + "Attribute";

    public string AttributeMetadataName => RuntimeNames.Namespace + "." + AttributeName;

    /// <summary>True once every slot has at least one managed shape (or may be left out).</summary>
    public bool IsBindable => Slots.All(s => s.Kind.Shapes.Count > 0 || s.Optional) && Result.Shapes.Count > 0;

    /// <summary>The C declaration, e.g. <c>int (*getattr)(const char *path, struct stat *stbuf, struct fuse_file_info *fi)</c>.</summary>
    public string CDeclaration
    {
        get
        {
            var text = new StringBuilder();
            text.Append(CReturnType).Append(CReturnType.EndsWith("*") ? "(*" : " (*").Append(NativeName).Append(")(");
            text.Append(string.Join(", ", NativeParameters.Select(p => p.CType + (p.CType.EndsWith("*") ? "" : " ") + p.Name)));
            return text.Append(')').ToString();
        }
    }

    /// <summary>The C# function pointer type of the native slot.</summary>
    public string FunctionPointerType =>
        "delegate* unmanaged[Cdecl]<" + string.Join(", ", NativeParameters.Select(p => p.InteropType).Concat(new[] { Result.NativeType })) + ">";

    /// <summary>
    /// The signature a user would write first: the canonical return shape and the canonical shape of every slot it
    /// allows (a slot only another return shape needs, like readlink's buffer, is left out).
    /// </summary>
    public string CanonicalSignature(string methodName)
    {
        var returnShape = Result.Shapes[0];
        var parameters = Slots
            .Where(s => s.Kind.Shapes.Count > 0)
            .Where(s => s.Kind.Shapes[0].TypeName != ManagedShape.AnyHandleType) // the filesystem's own type: no canonical form
            .Where(s => returnShape.RequiresKind == s.Kind.Id || !Result.Shapes.Any(r => r.RequiresKind == s.Kind.Id))
            .Select(s => s.Kind.Shapes[0].Display(s.Name));
        return returnShape.DisplayType + " " + methodName + "(" + string.Join(", ", parameters) + ")";
    }
}
