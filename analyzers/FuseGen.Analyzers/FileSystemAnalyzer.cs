using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FuseGen.Catalog;
using FuseGen.Rules;
using FuseGen.Signatures;
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

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // One marker per API; the marker a type carries selects the catalog its attributes are read from.
            var markers = ApiCatalog.Each
                .Select(c => (Catalog: c, Marker: start.Compilation.GetTypeByMetadataName(c.MarkerMetadataName)))
                .Where(m => m.Marker is not null)
                .Select(m => (m.Catalog, Marker: m.Marker!))
                .ToList();
            if (markers.Count == 0)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, markers), SymbolKind.NamedType);
            if (start.Compilation.GetTypeByMetadataName(RuntimeNames.Fuse.MetadataName) is { } fuse)
            {
                start.RegisterSyntaxNodeAction(node => MountCallAnalysis.Analyze(node, fuse, markers), SyntaxKind.InvocationExpression);
            }

            start.RegisterSyntaxNodeAction(AnalyzeFunction, SyntaxKind.LocalFunctionStatement, SyntaxKind.ParenthesizedLambdaExpression);
            start.RegisterOperationAction(operation => BlockingWaitAnalysis.Analyze(operation, markers), OperationKind.PropertyReference, OperationKind.Invocation);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, List<(ApiCatalog Catalog, INamedTypeSymbol Marker)> markers)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var (catalog, fileSystemAttribute) = markers.FirstOrDefault(m => type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, m.Marker)));
        var isFileSystem = fileSystemAttribute is not null;
        if (isFileSystem && FileSystemRules.CheckType(type) is { } problem)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Problem, problem.Kind.ToString());
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidFileSystemType, type.Locations.FirstOrDefault(), properties, type.Name, problem.Message));
        }

        var bound = new Dictionary<string, BoundMethod>();
        var attributed = new HashSet<OperationDescriptor>();
        ApiCatalog? unmarked = null;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var operations = isFileSystem ? Operations(method, catalog) : Operations(method);
            if (isFileSystem)
            {
                foreach (var (attribute, other) in Operations(method).Where(o => catalog.Find(o.Operation.Name) is null))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OperationNotInApi, AttributeLocation(attribute, method), method.Name, other.Name, MarkerName(catalog)));
                }
            }

            if (operations.Count == 0)
            {
                continue;
            }

            if (!isFileSystem)
            {
                unmarked ??= MarkerFor(type);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Api, unmarked.Id);
                foreach (var (attribute, operation) in operations)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OperationOutsideFileSystem, AttributeLocation(attribute, method), properties, method.Name, operation.Name, type.Name, MarkerName(unmarked)));
                }

                continue;
            }

            if (operations.Count > 1)
            {
                var names = string.Join("], [", operations.Select(o => o.Operation.Name));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SeveralOperations, AttributeLocation(operations[1].Attribute, method), method.Name, names));
                continue;
            }

            var (operationAttribute, descriptor) = operations[0];
            attributed.Add(descriptor);
            if (!descriptor.IsBindable)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedOperation, AttributeLocation(operationAttribute, method), method.Name, descriptor.Name));
                continue;
            }

            if (FileSystemRules.CheckMethod(method, catalog) is { } reason)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UncallableMethod, method.Locations.FirstOrDefault(), method.Name, descriptor.Name, reason));
                continue;
            }

            var match = SignatureMatcher.Match(method, descriptor);
            foreach (var signatureProblem in match.Problems)
            {
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(DiagnosticProperties.Operation, descriptor.Name)
                    .Add(DiagnosticProperties.Problem, signatureProblem.Kind.ToString())
                    .Add(DiagnosticProperties.Api, catalog.Id);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SignatureMismatch, ProblemLocation(signatureProblem, method), properties, method.Name, descriptor.Name, signatureProblem.Message));
            }

            if (!match.Success)
            {
                continue;
            }

            if (bound.TryGetValue(descriptor.Name, out var first))
            {
                // Overloads share a name: their parameter types tell them apart.
                var (firstName, name) = first.Method.Name == method.Name
                    ? (first.Method.ToDisplayString(Overload), method.ToDisplayString(Overload))
                    : (first.Method.Name, method.Name);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateOperation, AttributeLocation(operationAttribute, method), descriptor.Name, firstName, name));
            }
            else
            {
                bound.Add(descriptor.Name, new BoundMethod(method, descriptor, match));
            }
        }

        if (isFileSystem)
        {
            var advisor = new FileSystemAdvisor(context, type, catalog, fileSystemAttribute!, bound.Values.ToList(), attributed);
            advisor.CheckHandles();
            advisor.CheckGetattr();
            advisor.CheckLookup();
            advisor.CheckNodeTypes();
            advisor.CheckHotPaths();
            advisor.CheckUnsafeCode();
        }
    }

    /// <summary>
    /// Local functions and lambdas are no members of any type: the generator never sees them, so an operation
    /// attribute on one is always a mistake.
    /// </summary>
    private static void AnalyzeFunction(SyntaxNodeAnalysisContext context)
    {
        var symbol = context.Node is LocalFunctionStatementSyntax local
            ? context.SemanticModel.GetDeclaredSymbol(local, context.CancellationToken)
            : context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol;
        if (symbol is not IMethodSymbol method || Operations(method) is not { Count: > 0 } operations)
        {
            return;
        }

        var location = context.Node is LocalFunctionStatementSyntax function
            ? function.Identifier.GetLocation()
            : AttributeLocation(operations[0].Attribute, method);
        var name = method.MethodKind == MethodKind.AnonymousFunction ? "(lambda)" : method.Name;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UncallableMethod, location, name, string.Join("], [", operations.Select(o => o.Operation.Name)), FileSystemRules.CheckMethod(method)));
    }

    /// <summary>The method's operation attributes of any API, in source order.</summary>
    internal static List<(AttributeData Attribute, OperationDescriptor Operation)> Operations(IMethodSymbol method) =>
        method.GetAttributes()
            .Select(a => (Attribute: a, Operation: a.AttributeClass is null ? null : ApiCatalog.Each.Select(c => c.FindByAttribute(a.AttributeClass.ToDisplayString())).FirstOrDefault(o => o is not null)))
            .Where(x => x.Operation is not null)
            .Select(x => (x.Attribute, x.Operation!))
            .ToList();

    /// <summary>The method's operation attributes as one API reads them, in source order.</summary>
    private static List<(AttributeData Attribute, OperationDescriptor Operation)> Operations(IMethodSymbol method, ApiCatalog catalog) =>
        method.GetAttributes()
            .Select(a => (Attribute: a, Operation: a.AttributeClass is null ? null : catalog.FindByAttribute(a.AttributeClass.ToDisplayString())))
            .Where(x => x.Operation is not null)
            .Select(x => (x.Attribute, x.Operation!))
            .ToList();

    /// <summary>A method as its overloads tell it apart: <c>GetAttr(string, ref Stat)</c>.</summary>
    private static readonly SymbolDisplayFormat Overload = new(
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>The marker as a message shows it: <c>FuseInodeFileSystem</c>.</summary>
    /// <summary>
    /// The API an unmarked type's operations belong to: the inode API's when a method carries an operation only it has
    /// ([Lookup], [Forget], ...) or the type implements a member of its interface, else the path API's.
    /// </summary>
    internal static ApiCatalog MarkerFor(INamedTypeSymbol type)
    {
        var members = type.GetMembers();
        var inodeOnly = members.OfType<IMethodSymbol>().SelectMany(Operations).Any(o => ApiCatalog.Path.Find(o.Operation.Name) is null);
        var inodeInterface = members.OfType<IPropertySymbol>().Any(p => p.ExplicitInterfaceImplementations.Any(i => i.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == RuntimeNames.IFuseInodeFileSystem.Type));
        return inodeOnly || inodeInterface ? ApiCatalog.Inode : ApiCatalog.Path;
    }

    internal static string MarkerName(ApiCatalog catalog) => catalog.MarkerUsage.Substring(catalog.MarkerUsage.LastIndexOf('.') + 1);

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
