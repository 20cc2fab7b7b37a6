using System.Collections.Generic;
using System.Linq;
using FuseGen.Catalog;
using FuseGen.Signatures;
using Microsoft.CodeAnalysis;

namespace FuseGen.Analyzers;

/// <summary>A method the generator binds: its operation and how each parameter binds.</summary>
internal sealed class BoundMethod
{
    public BoundMethod(IMethodSymbol method, OperationDescriptor operation, SignatureMatch match)
    {
        Method = method;
        Operation = operation;
        Match = match;
    }

    public IMethodSymbol Method { get; }

    public OperationDescriptor Operation { get; }

    public SignatureMatch Match { get; }

    /// <summary>The type of handle the method returns (a task's result for an async one), or null when it returns none (a status, nothing).</summary>
    public ITypeSymbol? ReturnedHandle =>
        Match.ReturnShape?.TypeName != ManagedShape.AnyHandleType ? null :
        Match.Awaitable is null ? Method.ReturnType :
        ((INamedTypeSymbol)Method.ReturnType).TypeArguments[0];

    /// <summary>The parameters bound to the operation's slot of the given kind.</summary>
    public IEnumerable<IParameterSymbol> ParametersOf(ParameterKind kind) =>
        Match.Bindings
            .Select((binding, index) => (binding, index))
            .Where(x => x.binding.SlotIndex >= 0 && Operation.Slots[x.binding.SlotIndex].Kind == kind)
            .Select(x => Method.Parameters[x.index]);
}
