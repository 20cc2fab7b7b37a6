extern alias generator;

using System.Collections.Generic;
using System.Linq;
using FuseGen.Catalog;
using FuseGen.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FuseGen.Analyzers.Tests.Infrastructure;

/// <summary>One user method the generated code calls, and the operation whose entry point calls it.</summary>
internal sealed record Binding(IMethodSymbol Method, OperationDescriptor Operation);

/// <summary>Reads back from the generated code which methods were bound to which operations.</summary>
internal static class GeneratedBindings
{
    private const string TrampolinePrefix = generator::FuseGen.Generators.Emit.EntryPoints.Prefix;

    /// <summary>
    /// Every call from a generated entry point (<c>__FuseGen_getattr</c>, ...) to a method of the filesystem type,
    /// resolved semantically: a call that resolved to another overload than the attributed method shows up as such.
    /// </summary>
    public static IReadOnlyList<Binding> Read(GeneratorRun run)
    {
        var bindings = new List<Binding>();
        foreach (var tree in run.GeneratedTrees)
        {
            var model = run.Output.GetSemanticModel(tree);
            foreach (var trampoline in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.Identifier.ValueText.StartsWith(TrampolinePrefix, System.StringComparison.Ordinal)))
            {
                var nativeName = trampoline.Identifier.ValueText.Substring(TrampolinePrefix.Length);
                var fileSystem = model.GetDeclaredSymbol(trampoline)!.ContainingType;
                var operation = CatalogOf(fileSystem).All.Single(o => o.NativeName == nativeName);
                foreach (var invocation in trampoline.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (model.GetSymbolInfo(invocation).Symbol is IMethodSymbol called &&
                        SymbolEqualityComparer.Default.Equals(called.ContainingType, fileSystem) &&
                        !called.Name.StartsWith(TrampolinePrefix, System.StringComparison.Ordinal))
                    {
                        bindings.Add(new Binding(called, operation));
                    }
                }
            }
        }

        return bindings;
    }

    /// <summary>The native names <c>FillOperations</c> assigns (<c>operations-&gt;getattr = ...</c>), per generated file.</summary>
    public static IReadOnlyList<string> FilledOperations(SyntaxTree generated) =>
        generated.GetRoot().DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Select(a => a.Left)
            .OfType<MemberAccessExpressionSyntax>()
            .Where(m => m.Expression is IdentifierNameSyntax { Identifier.ValueText: "operations" })
            .Select(m => m.Name.Identifier.ValueText)
            .ToList();

    /// <summary>The catalog a filesystem type's marker selects (<c>[FuseInodeFileSystem]</c>: the inode API's; otherwise the path API's).</summary>
    private static ApiCatalog CatalogOf(INamedTypeSymbol? type) =>
        ApiCatalog.Each.FirstOrDefault(c => type?.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == c.MarkerMetadataName) == true) ?? ApiCatalog.Path;

    /// <summary>Every method carrying an operation attribute, with its operations, in every filesystem type (of the API its marker selects).</summary>
    public static IReadOnlyList<(IMethodSymbol Method, IReadOnlyList<OperationDescriptor> Operations)> AttributedMethods(Compilation compilation)
    {
        var methods = new List<(IMethodSymbol, IReadOnlyList<OperationDescriptor>)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                // A partial method is one method: count its defining declaration only.
                if (model.GetDeclaredSymbol(declaration) is not IMethodSymbol method || method.PartialDefinitionPart is not null)
                {
                    continue;
                }

                var catalog = CatalogOf(method.ContainingType);
                var operations = method.GetAttributes()
                    .Select(a => a.AttributeClass is null ? null : catalog.FindByAttribute(a.AttributeClass.ToDisplayString()))
                    .OfType<OperationDescriptor>()
                    .ToList();
                if (operations.Count > 0)
                {
                    methods.Add((method, operations));
                }
            }
        }

        return methods;
    }
}
