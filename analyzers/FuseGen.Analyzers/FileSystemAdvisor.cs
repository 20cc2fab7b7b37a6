using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FuseGen.Catalog;
using FuseGen.Signatures;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FuseGen.Analyzers;

/// <summary>
/// Checks that look at a filesystem as a whole rather than at one method: whether typed handles flow from the
/// operation that makes them to the ones that take and free them, whether the kernel can reach the operations at
/// all, and where a hot operation allocates.
/// </summary>
internal sealed class FileSystemAdvisor
{
    private readonly SymbolAnalysisContext context;
    private readonly INamedTypeSymbol type;
    private readonly ApiCatalog catalog;
    private readonly INamedTypeSymbol fileSystemAttribute;
    private readonly IReadOnlyList<BoundMethod> bound;
    private readonly IReadOnlyCollection<OperationDescriptor> attributed;

    /// <param name="bound">The methods the generator binds.</param>
    /// <param name="attributed">Every operation some method is marked with, bound or not.</param>
    /// <param name="catalog">The API the type's marker selects.</param>
    public FileSystemAdvisor(SymbolAnalysisContext context, INamedTypeSymbol type, ApiCatalog catalog, INamedTypeSymbol fileSystemAttribute, IReadOnlyList<BoundMethod> bound, IReadOnlyCollection<OperationDescriptor> attributed)
    {
        this.context = context;
        this.type = type;
        this.catalog = catalog;
        this.fileSystemAttribute = fileSystemAttribute;
        this.bound = bound;
        this.attributed = attributed;
    }

    /// <summary>FUSE008, FUSE009, FUSE010: every handle parameter has a creator of a compatible type; every handle a creator returns is freed.</summary>
    public void CheckHandles()
    {
        foreach (var taker in bound)
        {
            foreach (var parameter in taker.ParametersOf(ParameterKinds.Handle))
            {
                var creators = Creators(taker.Operation.CreatorRole).ToList();
                if (creators.Count == 0)
                {
                    var names = string.Join(" or ", catalog.All.Where(o => o.HandleRole == taker.Operation.CreatorRole).Select(o => $"[{o.Name}]"));
                    Report(DiagnosticDescriptors.HandleWithoutCreator, parameter.Locations.FirstOrDefault(), null, taker.Method.Name, Display(parameter.Type), names);
                    continue;
                }

                foreach (var creator in creators.Where(c => !context.Compilation.ClassifyCommonConversion(c.ReturnedHandle!, parameter.Type).Exists))
                {
                    Report(DiagnosticDescriptors.HandleTypeMismatch, parameter.Locations.FirstOrDefault(), Properties(null, creator.ReturnedHandle),
                        taker.Method.Name, Display(parameter.Type), creator.Operation.Name, creator.Method.Name, Display(creator.ReturnedHandle!), taker.Operation.Name, OneTakerForAll(creators, taker));
                }
            }
        }

        foreach (var creator in bound.Where(c => c.ReturnedHandle is not null))
        {
            var releaserRole = creator.Operation.ReleaserRole;
            var released = bound.Any(r => r.Operation.HandleRole == releaserRole && r.ParametersOf(ParameterKinds.Handle).Any());
            if (!released && !IsDisposable(creator.ReturnedHandle!))
            {
                var releaser = catalog.All.First(o => o.HandleRole == releaserRole);

                // A release method that does not take the handle yet: the place to take it (a second one would be FUSE004).
                var existing = bound.FirstOrDefault(r => r.Operation.HandleRole == releaserRole)?.Method.Locations.FirstOrDefault();
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HandleNeverReleased, ReturnTypeLocation(creator.Method), existing is null ? null : new[] { existing },
                    Properties(releaser, creator.ReturnedHandle), creator.Operation.Name, Display(creator.ReturnedHandle!), releaser.Name));
            }
        }
    }

    /// <summary>FUSE011: operations the kernel only reaches through a lookup, in a filesystem that cannot answer one.</summary>
    public void CheckGetattr()
    {
        if (attributed.Any(o => o.Name == "Getattr"))
        {
            return;
        }

        var unreachable = attributed.Where(o => o.NeedsLookup).OrderBy(o => o.Index).Select(o => $"[{o.Name}]").ToList();
        if (unreachable.Count > 0)
        {
            Report(DiagnosticDescriptors.MissingGetattr, FileSystemLocation(), Properties(catalog.Find("Getattr"), null), type.Name, string.Join(", ", unreachable));
        }
    }

    /// <summary>
    /// FUSE014, FUSE015: an inode filesystem reaches names only through [Lookup], and forget only gives back the
    /// lookups entry replies counted.
    /// </summary>
    public void CheckLookup()
    {
        if (catalog != ApiCatalog.Inode || attributed.Any(o => o.Name == "Lookup"))
        {
            return;
        }

        Report(DiagnosticDescriptors.MissingLookup, FileSystemLocation(), Properties(catalog.Find("Lookup"), null), type.Name);
        if (attributed.Any(o => o.Name == "Forget"))
        {
            Report(DiagnosticDescriptors.ForgetWithoutLookup, FileSystemLocation(), Properties(catalog.Find("Lookup"), null), type.Name);
        }
    }

    /// <summary>
    /// FUSE018: the inode table holds one node type, so every method that takes its inode as a node object takes that
    /// type. The one [Lookup] takes is the reference (it hands the kernel its nodes), else the one most methods take.
    /// </summary>
    public void CheckNodeTypes()
    {
        if (catalog != ApiCatalog.Inode)
        {
            return;
        }

        var takers = bound
            .SelectMany(b => b.ParametersOf(InodeParameterKinds.Node).Where(p => p.Type.SpecialType != SpecialType.System_UInt64).Select(p => (Method: b, Parameter: p)))
            .ToList();
        var reference = takers.Where(t => t.Method.Operation.Name == "Lookup")
            .Concat(takers.GroupBy(t => t.Parameter.Type, SymbolEqualityComparer.Default).OrderByDescending(g => g.Count()).Select(g => g.First()))
            .FirstOrDefault();
        if (reference.Method is null)
        {
            return;
        }

        foreach (var (method, parameter) in takers.Where(t => !SymbolEqualityComparer.Default.Equals(t.Parameter.Type, reference.Parameter.Type)))
        {
            // The usual cause: the handle put first, where the inode goes.
            var creator = bound.FirstOrDefault(c => c.ReturnedHandle is not null && SymbolEqualityComparer.Default.Equals(c.ReturnedHandle, parameter.Type));
            var handleHint = creator is null ? "" : $", then the '{Display(parameter.Type)}' handle [{creator.Operation.Name}] returns";
            Report(DiagnosticDescriptors.NodeTypeMismatch, parameter.Locations.FirstOrDefault(), null,
                method.Method.Name, Display(parameter.Type), reference.Method.Operation.Name, reference.Method.Method.Name, Display(reference.Parameter.Type), creator is null ? parameter.Name : "node", handleHint);
        }
    }

    /// <summary>FUSE012: a string path where a span would do, on an operation called for every transfer.</summary>
    public void CheckHotPaths()
    {
        foreach (var method in bound.Where(b => b.Operation.IsHotPath))
        {
            foreach (var parameter in method.ParametersOf(ParameterKinds.Path).Where(p => p.Type.SpecialType == SpecialType.System_String))
            {
                Report(DiagnosticDescriptors.StringPathOnHotPath, parameter.Locations.FirstOrDefault(), null, method.Method.Name, method.Operation.Name, parameter.Name);
            }
        }
    }

    /// <summary>FUSE017: the generated entry points are unsafe code, which the project must allow.</summary>
    public void CheckUnsafeCode()
    {
        if (context.Compilation.Options is CSharpCompilationOptions { AllowUnsafe: false })
        {
            Report(DiagnosticDescriptors.UnsafeCodeDisabled, FileSystemLocation(), null, type.Name);
        }
    }

    /// <summary>
    /// When the creators return different types, how one method takes the handles of all of them: through the class
    /// or interface they share, or one they would have to share. Empty when there is one type.
    /// </summary>
    private string OneTakerForAll(IReadOnlyList<BoundMethod> creators, BoundMethod taker)
    {
        var returned = creators.Select(c => c.ReturnedHandle!).Distinct<ITypeSymbol>(SymbolEqualityComparer.Default).ToList();
        if (returned.Count < 2)
        {
            return "";
        }

        var operations = string.Join(" and ", creators.Select(c => $"[{c.Operation.Name}]"));
        var shared = Supertypes(returned[0])
            .FirstOrDefault(candidate => SignatureMatcher.IsHandleType(candidate) && returned.All(t => context.Compilation.ClassifyCommonConversion(t, candidate).IsImplicit));
        return shared is not null
            ? $"; one [{taker.Operation.Name}] takes the handles of {operations} when its parameter is declared '{Display(shared)}', which all of them are"
            : $"; one [{taker.Operation.Name}] takes the handles of {operations} when they return one class or interface ('{string.Join("' and '", returned.Select(Display))}' derive from a class or implement an interface of the filesystem's own) and its parameter is declared as it";
    }

    /// <summary>The type, its base classes, then its interfaces: the most specific first.</summary>
    private static IEnumerable<ITypeSymbol> Supertypes(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            yield return implemented;
        }
    }

    private IEnumerable<BoundMethod> Creators(HandleRole role) => bound.Where(c => c.Operation.HandleRole == role && c.ReturnedHandle is not null);

    private void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?>? properties, params object[] arguments) =>
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties, arguments));

    /// <summary>What a code fix needs: the operation a method should be added for, the handle type to use.</summary>
    private ImmutableDictionary<string, string?> Properties(OperationDescriptor? operation, ITypeSymbol? handle)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (operation is not null)
        {
            properties = properties.Add(DiagnosticProperties.Operation, operation.Name).Add(DiagnosticProperties.Api, catalog.Id);
        }

        return handle is null ? properties : properties.Add(DiagnosticProperties.HandleType, handle.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
    }

    /// <summary>The name in the declaration that carries [FuseFileSystem] (a partial type has several).</summary>
    private Location? FileSystemLocation() =>
        type.GetAttributes()
            .Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, fileSystemAttribute))
            .Select(a => a.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.GetLocation())
            .FirstOrDefault(l => l is not null) ?? type.Locations.FirstOrDefault();

    private static Location? ReturnTypeLocation(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is MethodDeclarationSyntax declaration
            ? declaration.ReturnType.GetLocation()
            : method.Locations.FirstOrDefault();

    private static bool IsDisposable(ITypeSymbol handle) =>
        handle.SpecialType == SpecialType.System_IDisposable ||
        handle.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable);

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
