using System.Collections.Generic;
using System.Linq;
using FuseGen.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FuseGen.Analyzers;

/// <summary>
/// FUSE019: an operation method (of either API) that blocks on a task: <c>task.Result</c>, <c>task.Wait()</c>,
/// <c>Task.WaitAll</c>/<c>WaitAny</c>, <c>task.GetAwaiter().GetResult()</c>. The libfuse worker running it waits,
/// and on the inode API the async handlers it defeats were the way not to.
/// </summary>
/// <remarks>
/// Not reported where the wait cannot block: on a task the method awaited before (<c>await Task.WhenAll(a, b)</c>
/// then <c>a.Result</c>) or asked <c>IsCompleted</c>, <c>IsCompletedSuccessfully</c>, <c>IsFaulted</c>,
/// <c>IsCanceled</c> or <c>Status</c> of before; nor inside a lambda or local function, which may run elsewhere
/// (a continuation).
/// </remarks>
internal static class BlockingWaitAnalysis
{
    private const string TasksNamespace = "System.Threading.Tasks";
    private const string CompilerServicesNamespace = "System.Runtime.CompilerServices";

    private const string PathAdvice =
        "path-API operations answer libfuse when they return, on libfuse's thread; for async code use the inode API ([FuseInodeFileSystem]), whose methods may return ValueTask or Task and await";

    private static readonly HashSet<string> CompletionChecks = new() { "IsCompleted", "IsCompletedSuccessfully", "IsFaulted", "IsCanceled", "Status" };

    public static void Analyze(OperationAnalysisContext context, IReadOnlyList<(ApiCatalog Catalog, INamedTypeSymbol Marker)> markers)
    {
        if (Blocking(context.Operation) is not (var task, { } wait) ||
            context.ContainingSymbol is not IMethodSymbol method ||
            FileSystemAnalyzer.Operations(method) is not { Count: > 0 } operations ||
            InsideFunction(context.Operation) ||
            (task is not null && KnownComplete(task, context.Operation.Syntax, context.Operation.SemanticModel!, context.CancellationToken)))
        {
            return;
        }

        var type = method.ContainingType;
        var catalog = markers.FirstOrDefault(m => type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, m.Marker))).Catalog
            ?? FileSystemAnalyzer.MarkerFor(type);
        var advice = !catalog.DefersReplies ? PathAdvice
            : method.IsAsync ? "await the task instead: the worker serves other requests meanwhile"
            : "return ValueTask or Task from the method and await the task: FuseGen replies when it completes, and the worker serves other requests meanwhile";
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BlockingWaitInOperation, context.Operation.Syntax.GetLocation(), method.Name, operations[0].Operation.Name, wait, advice));
    }

    /// <summary>
    /// The task waited for (null for <c>Task.WaitAll</c>/<c>WaitAny</c>) and how, when <paramref name="operation"/>
    /// blocks on one; the task is the receiver with <c>GetAwaiter()</c> and <c>ConfigureAwait(...)</c> taken off.
    /// </summary>
    private static (IOperation? Task, string? Wait) Blocking(IOperation operation)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property: { Name: "Result" } property, Instance: { } instance }
                when IsTaskType(property.ContainingType, generic: true):
                return (instance, ".Result");

            case IInvocationOperation { TargetMethod: { Name: "Wait" or "WaitAll" or "WaitAny" } wait } invocation
                when IsTaskType(wait.ContainingType, generic: false):
                return (invocation.Instance, wait.IsStatic ? $"Task.{wait.Name}()" : ".Wait()");

            case IInvocationOperation { TargetMethod: { Name: "GetResult" } getResult, Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter }
                when getResult.ContainingType.Name.EndsWith("Awaiter", System.StringComparison.Ordinal) &&
                     getResult.ContainingType.ContainingNamespace.ToDisplayString() == CompilerServicesNamespace:
                var task = awaiter.Instance;
                if (task is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
                {
                    task = configured;
                }

                return (task, ".GetAwaiter().GetResult()");

            default:
                return (null, null);
        }
    }

    /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; (with <paramref name="generic"/>: only the ones with a result).</summary>
    private static bool IsTaskType(INamedTypeSymbol? type, bool generic) =>
        type is not null &&
        type.Name is "Task" or "ValueTask" &&
        type.IsGenericType == generic &&
        type.ContainingNamespace.ToDisplayString() == TasksNamespace;

    private static bool InsideFunction(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the task is a variable, parameter, field or property that the method awaited (alone or among the
    /// arguments of an awaited call such as <c>Task.WhenAll</c>) or asked about its completion before <paramref name="wait"/>.
    /// </summary>
    private static bool KnownComplete(IOperation task, SyntaxNode wait, SemanticModel model, System.Threading.CancellationToken cancellation)
    {
        var symbol = task switch
        {
            ILocalReferenceOperation local => (ISymbol)local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        var body = wait.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (symbol is null || body is null)
        {
            return false;
        }

        bool Names(SyntaxNode node) =>
            node is IdentifierNameSyntax identifier &&
            identifier.Identifier.ValueText == symbol.Name &&
            SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellation).Symbol, symbol);

        foreach (var node in body.DescendantNodes().TakeWhile(n => n.SpanStart < wait.SpanStart))
        {
            switch (node)
            {
                case AwaitExpressionSyntax awaited when awaited.Span.End <= wait.SpanStart && awaited.Expression.DescendantNodesAndSelf().Any(Names):
                    return true;
                case MemberAccessExpressionSyntax access when CompletionChecks.Contains(access.Name.Identifier.ValueText) && Names(access.Expression):
                    return true;
            }
        }

        return false;
    }
}
