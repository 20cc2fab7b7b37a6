using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FuseGen.Catalog;
using FuseGen.Generators.Helpers;
using FuseGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
        if (context.TargetSymbol is not INamedTypeSymbol type || !IsGeneratable(type))
        {
            return null;
        }

        var operations = new List<(int Index, OperationModel Model)>();
        var bound = new HashSet<string>();
        bool createsFileHandles = false, createsDirectoryHandles = false;
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method || method.MethodKind != MethodKind.Ordinary)
            {
                continue;
            }

            var attached = method.GetAttributes()
                .Select(a => a.AttributeClass is null ? null : OperationCatalog.FindByAttribute(a.AttributeClass.ToDisplayString()))
                .Where(o => o is not null)
                .ToList();
            if (attached.Count != 1 || !IsCallable(method))
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
        var hintName = fullName.Replace("global::", "").Replace('<', '_').Replace('>', '_') + ".FuseGen.g.cs";
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

    /// <summary>
    /// A filesystem type must be a non-generic, non-static, partial class, and so must every type around it, so
    /// that the generated half can implement <c>IFuseFileSystem</c> and host <c>[UnmanagedCallersOnly]</c> methods.
    /// </summary>
    public static bool IsGeneratable(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsGenericType || !IsPartial(type))
        {
            return false;
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType || !IsPartial(outer))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCallable(IMethodSymbol method) =>
        !method.IsGenericMethod && !method.IsAbstract && !method.IsAsync && !method.IsExtern &&
        method.Parameters.All(p => !p.IsParams);

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
