using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FuseGen.Catalog;
using FuseGen.Generators.Helpers;
using FuseGen.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FuseGen.Generators;

/// <summary>Turns a <c>[FuseFileSystem]</c> type into a <see cref="FileSystemModel"/>.</summary>
/// <remarks>
/// Invalid input is skipped, never reported: the analyzers own diagnostics. Whatever is returned must produce code
/// that compiles, so anything the emitter could not express is left out here.
/// </remarks>
internal static class FileSystemParser
{
    public static FileSystemModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || FileSystemRules.CheckType(type) is not null)
        {
            return null;
        }

        var operations = new List<(int Index, OperationModel Model)>();
        var bound = new HashSet<string>();
        bool createsFileHandles = false, createsDirectoryHandles = false;
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            var attached = method.GetAttributes()
                .Select(a => a.AttributeClass is null ? null : OperationCatalog.FindByAttribute(a.AttributeClass.ToDisplayString()))
                .Where(o => o is not null)
                .ToList();
            if (attached.Count != 1 || FileSystemRules.CheckMethod(method) is not null)
            {
                continue;
            }

            var operation = attached[0]!;
            var match = SignatureMatcher.Match(method, operation);
            if (!match.Success || !bound.Add(operation.Name))
            {
                continue;
            }

            var arguments = match.Bindings.Select((b, i) => new ArgumentModel(
                b.Shape.Id,
                b.SlotIndex,
                b.Shape.TypeName == ManagedShape.AnyHandleType ? SignatureMatcher.TypeName(method.Parameters[i].Type) : null));
            if (match.ReturnShape!.TypeName == ManagedShape.AnyHandleType)
            {
                createsFileHandles |= operation.HandleRole == HandleRole.CreatesFile;
                createsDirectoryHandles |= operation.HandleRole == HandleRole.CreatesDirectory;
            }

            operations.Add((operation.Index, new OperationModel(
                operation.Name,
                method.Name,
                method.IsStatic,
                match.ReturnShape!.Id,
                new EquatableArray<ArgumentModel>(arguments))));
        }

        var containing = new List<ContainingTypeModel>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeModel(Keyword(outer), outer.Name));
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var fullName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        // Keyword names are written @class in code; a hint name cannot contain '@'.
        var hintName = fullName.Replace("global::", "").Replace("@", "").Replace('<', '_').Replace('>', '_') + ".FuseGen.g.cs";
        return new FileSystemModel(
            ns,
            new EquatableArray<ContainingTypeModel>(containing),
            type.Name,
            Keyword(type),
            fullName,
            hintName,
            new EquatableArray<OperationModel>(operations.OrderBy(o => o.Index).Select(o => o.Model)),
            createsFileHandles,
            createsDirectoryHandles);
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
