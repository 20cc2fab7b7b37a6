using System.Linq;
using FuseGen.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FuseGen.Rules;

/// <summary>
/// Which types the generator can extend and which methods a generated entry point can call. The generator skips
/// what these reject; the analyzers report it with the reason given here, so the two never disagree.
/// </summary>
internal static class FileSystemRules
{
    /// <summary>Why a <c>[FuseFileSystem]</c> type cannot be extended, or null when it can.</summary>
    public static TypeProblem? CheckType(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            return new TypeProblem(TypeProblemKind.NotAClass, "it must be a class");
        }

        if (type.IsStatic)
        {
            return new TypeProblem(TypeProblemKind.Static, "it must not be static (Fuse.Main and Fuse.Mount take an instance)");
        }

        if (type.Arity > 0)
        {
            return new TypeProblem(TypeProblemKind.Generic, "it must not be generic ([UnmanagedCallersOnly] entry points cannot live in generic types)");
        }

        if (type.IsFileLocal)
        {
            return new TypeProblem(TypeProblemKind.FileLocal, "it must not be file-local (the generated half is another file)");
        }

        if (type.IsAbstract)
        {
            return new TypeProblem(TypeProblemKind.Abstract, "it must not be abstract (only its own methods are bound, never a derived class's; mark the concrete class [FuseFileSystem])");
        }

        if (!IsPartial(type))
        {
            return new TypeProblem(TypeProblemKind.NotPartial, "it must be declared 'partial' so the generator can add the native entry points");
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.Arity > 0)
            {
                return new TypeProblem(TypeProblemKind.Generic, $"the containing type '{outer.Name}' must not be generic");
            }

            if (outer.IsFileLocal)
            {
                return new TypeProblem(TypeProblemKind.FileLocal, $"the containing type '{outer.Name}' must not be file-local");
            }

            if (!IsPartial(outer))
            {
                return new TypeProblem(TypeProblemKind.NotPartial, $"the containing type '{outer.Name}' must be declared 'partial'");
            }
        }

        return null;
    }

    /// <summary>
    /// Why a generated entry point cannot call the method, completing "it is ...", or null when it can. An API whose
    /// replies may be deferred (<paramref name="catalog"/>: the inode API) accepts <c>async</c> methods that return a task.
    /// </summary>
    public static string? CheckMethod(IMethodSymbol method, ApiCatalog? catalog = null) =>
        method.MethodKind == MethodKind.LocalFunction ? "a local function (only methods of the [FuseFileSystem] type are bound)" :
        method.MethodKind == MethodKind.AnonymousFunction ? "a lambda (only methods of the [FuseFileSystem] type are bound)" :
        method.IsGenericMethod ? "generic" :
        method.IsAsync && catalog?.DefersReplies != true ? "async (the path API answers libfuse when the method returns, on libfuse's thread; for async operations, with cancellation by the kernel, use the inode API: [FuseInodeFileSystem] methods may return ValueTask or Task)" :
        method.IsAsync && method.ReturnsVoid ? "async void (nothing would wait for its work: return ValueTask or Task, and FuseGen replies when it completes)" :
        IsIterator(method) ? "an iterator (its body would run lazily, after the native call has returned)" :
        method.IsAbstract ? "abstract" :
        method.IsExtern ? "extern" :
        method.Parameters.Any(p => p.IsParams) ? "declared with a params parameter" :
        method.MethodKind != MethodKind.Ordinary ? "not an ordinary method" :
        IsObsoleteAsError(method) ? "obsolete as an error ([Obsolete(..., true)] forbids every call, the generated one too)" :
        null;

    /// <summary>Whether a body of the method yields (Roslyn 4.8 has no IMethodSymbol.IsIterator).</summary>
    private static bool IsIterator(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax() is MethodDeclarationSyntax declaration &&
            ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody)?
                .DescendantNodes(node => node is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
                .OfType<YieldStatementSyntax>()
                .Any() == true);

    private static bool IsObsoleteAsError(IMethodSymbol method) =>
        method.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute" &&
            a.ConstructorArguments.Length == 2 &&
            a.ConstructorArguments[1].Value is true);

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
}

/// <summary>What keeps the generator from extending a type.</summary>
internal enum TypeProblemKind
{
    NotAClass,
    Static,
    Generic,
    FileLocal,
    Abstract,

    /// <summary>The type or a type around it is not partial: the one problem a code fix can solve.</summary>
    NotPartial,
}

/// <summary>A reason a type cannot be a filesystem, completing "Type 'X' cannot be a FUSE filesystem: ...".</summary>
internal sealed class TypeProblem
{
    public TypeProblem(TypeProblemKind kind, string message)
    {
        Kind = kind;
        Message = message;
    }

    public TypeProblemKind Kind { get; }

    public string Message { get; }
}
