using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FuseGen.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FuseGen.Analyzers;

/// <summary>
/// Reports every filesystem method the generator would skip, and why, using the generator's own
/// <see cref="SignatureMatcher"/> so that "compiles" and "is bound" always agree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FileSystemAnalyzer : DiagnosticAnalyzer
{
    private const string FileSystemAttribute = "FuseGen.FuseFileSystemAttribute";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SignatureMismatch,
        DiagnosticDescriptors.InvalidFileSystemType,
        DiagnosticDescriptors.OperationOutsideFileSystem,
        DiagnosticDescriptors.DuplicateOperation,
        DiagnosticDescriptors.SeveralOperations,
        DiagnosticDescriptors.UncallableMethod,
        DiagnosticDescriptors.UnsupportedOperation);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var fileSystemAttribute = start.Compilation.GetTypeByMetadataName(FileSystemAttribute);
            if (fileSystemAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, fileSystemAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol fileSystemAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var isFileSystem = type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, fileSystemAttribute));
        if (isFileSystem && TypeProblem(type) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidFileSystemType, type.Locations.FirstOrDefault(), type.Name, problem));
        }

        var bound = new Dictionary<string, IMethodSymbol>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var operations = method.GetAttributes()
                .Select(a => (Attribute: a, Operation: a.AttributeClass is null ? null : OperationCatalog.FindByAttribute(a.AttributeClass.ToDisplayString())))
                .Where(x => x.Operation is not null)
                .ToList();
            if (operations.Count == 0)
            {
                continue;
            }

            if (!isFileSystem)
            {
                foreach (var (attribute, operation) in operations)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OperationOutsideFileSystem, AttributeLocation(attribute, method), method.Name, operation!.Name, type.Name));
                }

                continue;
            }

            if (operations.Count > 1)
            {
                var names = string.Join("], [", operations.Select(o => o.Operation!.Name));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SeveralOperations, AttributeLocation(operations[1].Attribute, method), method.Name, names));
                continue;
            }

            var (operationAttribute, descriptor) = operations[0];
            if (!descriptor!.IsBindable)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedOperation, AttributeLocation(operationAttribute, method), method.Name, descriptor.Name));
                continue;
            }

            if (MethodProblem(method) is { } reason)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UncallableMethod, method.Locations.FirstOrDefault(), method.Name, descriptor.Name, reason));
                continue;
            }

            var match = SignatureMatcher.Match(method, descriptor);
            foreach (var signatureProblem in match.Problems)
            {
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(DiagnosticProperties.Operation, descriptor.Name)
                    .Add(DiagnosticProperties.Problem, signatureProblem.Kind.ToString());
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SignatureMismatch, ProblemLocation(signatureProblem, method), properties, method.Name, descriptor.Name, signatureProblem.Message));
            }

            if (!match.Success)
            {
                continue;
            }

            if (bound.TryGetValue(descriptor.Name, out var first))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateOperation, AttributeLocation(operationAttribute, method), descriptor.Name, first.Name, method.Name));
            }
            else
            {
                bound.Add(descriptor.Name, method);
            }
        }
    }

    private static string? TypeProblem(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            return "it must be a class";
        }

        if (type.IsStatic)
        {
            return "it must not be static (Fuse.Main and Fuse.Mount take an instance)";
        }

        if (type.IsGenericType)
        {
            return "it must not be generic ([UnmanagedCallersOnly] entry points cannot live in generic types)";
        }

        if (!IsPartial(type))
        {
            return "it must be declared 'partial' so the generator can add the native entry points";
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                return $"the containing type '{outer.Name}' must not be generic";
            }

            if (!IsPartial(outer))
            {
                return $"the containing type '{outer.Name}' must be declared 'partial'";
            }
        }

        return null;
    }

    private static string? MethodProblem(IMethodSymbol method) =>
        method.IsGenericMethod ? "generic" :
        method.IsAsync ? "async (operations run synchronously on libfuse's threads)" :
        method.IsAbstract ? "abstract" :
        method.IsExtern ? "extern" :
        method.Parameters.Any(p => p.IsParams) ? "declared with a params parameter" :
        method.MethodKind != MethodKind.Ordinary ? "not an ordinary method" :
        null;

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static Location? AttributeLocation(AttributeData attribute, IMethodSymbol method) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations.FirstOrDefault();

    private static Location? ProblemLocation(SignatureProblem problem, IMethodSymbol method)
    {
        if (problem.ParameterIndex >= 0 && problem.ParameterIndex < method.Parameters.Length)
        {
            return method.Parameters[problem.ParameterIndex].Locations.FirstOrDefault();
        }

        if (problem.Kind == SignatureProblemKind.ReturnType &&
            method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is MethodDeclarationSyntax declaration)
        {
            return declaration.ReturnType.GetLocation();
        }

        return method.Locations.FirstOrDefault();
    }
}
