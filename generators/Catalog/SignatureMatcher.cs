using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace FuseGen.Catalog;

/// <summary>
/// Decides whether a method can implement an operation, and how each parameter binds. The generator emits code only
/// for successful matches; the analyzers report the problems. Keeping one matcher means the two can never disagree.
/// </summary>
/// <remarks>
/// Parameters bind to the operation's slots in order; optional slots may be skipped. Ambient parameters
/// (<see cref="AmbientParameters"/>) may stand anywhere.
/// </remarks>
internal static class SignatureMatcher
{
    public static SignatureMatch Match(IMethodSymbol method, OperationDescriptor operation)
    {
        var problems = new List<SignatureProblem>();
        var bindings = new List<ParameterBinding>();

        if (!operation.IsBindable)
        {
            problems.Add(new SignatureProblem(SignatureProblemKind.NotSupported, -1,
                $"[{operation.Name}] cannot be implemented with this version of FuseGen yet"));
            return new SignatureMatch(null, bindings, problems);
        }

        var returnType = method.ReturnsVoid ? "void" : TypeName(method.ReturnType);
        var returnShape = method.ReturnsByRef || method.ReturnsByRefReadonly
            ? null
            : operation.Result.Shapes.FirstOrDefault(s => s.TypeName == returnType) ??
              operation.Result.Shapes.FirstOrDefault(s => s.TypeName == ManagedShape.AnyHandleType && IsHandleType(method.ReturnType));
        if (returnShape is null)
        {
            problems.Add(new SignatureProblem(SignatureProblemKind.ReturnType, -1,
                $"the return type '{method.ReturnType.ToDisplayString()}' is not accepted; [{operation.Name}] returns " +
                string.Join(" or ", operation.Result.Shapes.Select(s => $"'{s.DisplayType}' ({s.Meaning})"))));
        }

        // An optional slot may be left out, so a parameter that fits one may be meant for a later slot:
        // Write(ReadOnlySpan<byte> data, long offset) leaves the path out, though data would fit it. Take the first
        // complete binding in order; only when there is none does the greedy pass below explain what is wrong.
        var complete = BindFrom(method, operation, 0, 0);
        if (complete is not null)
        {
            bindings.AddRange(complete);
            if (returnShape is not null)
            {
                CheckReturnRequirements(operation, returnShape, bindings, problems);
            }

            return new SignatureMatch(returnShape, bindings, problems);
        }

        var slotIndex = 0;
        for (var p = 0; p < method.Parameters.Length; p++)
        {
            var parameter = method.Parameters[p];
            var typeName = TypeName(parameter.Type);
            var refKind = RefKindOf(parameter.RefKind);

            var ambient = AmbientParameters.All.FirstOrDefault(a => a.TypeName == typeName && a.RefKind == refKind);
            if (ambient is not null)
            {
                bindings.Add(new ParameterBinding(ambient, -1));
                continue;
            }

            ManagedShape? bound = null;
            var firstRequiredMiss = -1;
            for (var s = slotIndex; s < operation.Slots.Count; s++)
            {
                var slot = operation.Slots[s];
                bound = Accepting(slot, parameter, typeName, refKind);
                if (bound is not null)
                {
                    bindings.Add(new ParameterBinding(bound, s));
                    slotIndex = s + 1;
                    break;
                }

                if (!slot.Optional)
                {
                    firstRequiredMiss = s;
                    break;
                }
            }

            if (bound is not null)
            {
                continue;
            }

            problems.Add(DescribeMismatch(operation, parameter, p, typeName, refKind, firstRequiredMiss >= 0 ? firstRequiredMiss : slotIndex));
            return new SignatureMatch(returnShape, bindings, problems);
        }

        for (var s = slotIndex; s < operation.Slots.Count; s++)
        {
            var slot = operation.Slots[s];
            if (!slot.Optional && slot.Kind.Shapes.Count > 0)
            {
                problems.Add(new SignatureProblem(SignatureProblemKind.MissingParameter, -1,
                    $"the required parameter '{Accepted(slot)}' ({slot.Kind.Description}) is missing"));
            }
        }

        if (returnShape is not null)
        {
            CheckReturnRequirements(operation, returnShape, bindings, problems);
        }

        return new SignatureMatch(returnShape, bindings, problems);
    }

    /// <summary>
    /// The bindings of the parameters from <paramref name="parameterIndex"/> on to the slots from
    /// <paramref name="slotIndex"/> on, in order, skipping only optional slots; null when there is none. Tries each
    /// slot a parameter fits, earliest first, so it finds what the greedy pass finds whenever that succeeds.
    /// </summary>
    private static List<ParameterBinding>? BindFrom(IMethodSymbol method, OperationDescriptor operation, int parameterIndex, int slotIndex)
    {
        if (parameterIndex == method.Parameters.Length)
        {
            for (var s = slotIndex; s < operation.Slots.Count; s++)
            {
                if (!operation.Slots[s].Optional && operation.Slots[s].Kind.Shapes.Count > 0)
                {
                    return null;
                }
            }

            return new List<ParameterBinding>();
        }

        var parameter = method.Parameters[parameterIndex];
        var typeName = TypeName(parameter.Type);
        var refKind = RefKindOf(parameter.RefKind);
        var ambient = AmbientParameters.All.FirstOrDefault(a => a.TypeName == typeName && a.RefKind == refKind);
        if (ambient is not null)
        {
            var rest = BindFrom(method, operation, parameterIndex + 1, slotIndex);
            rest?.Insert(0, new ParameterBinding(ambient, -1));
            return rest;
        }

        for (var s = slotIndex; s < operation.Slots.Count; s++)
        {
            if (Accepting(operation.Slots[s], parameter, typeName, refKind) is { } shape &&
                BindFrom(method, operation, parameterIndex + 1, s + 1) is { } rest)
            {
                rest.Insert(0, new ParameterBinding(shape, s));
                return rest;
            }

            if (!operation.Slots[s].Optional)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>The shape of <paramref name="slot"/> that <paramref name="parameter"/> fits, if any.</summary>
    private static ManagedShape? Accepting(OperationSlot slot, IParameterSymbol parameter, string typeName, ManagedRefKind refKind) =>
        slot.Kind.Shapes.FirstOrDefault(shape => shape.RefKind == refKind &&
            (shape.TypeName == typeName || (shape.TypeName == ManagedShape.AnyHandleType && IsHandleType(parameter.Type))));

    /// <summary>Renders a slot's accepted shapes, e.g. <c>ReadOnlySpan&lt;byte&gt; path</c> or <c>string path</c>.</summary>
    public static string Accepted(OperationSlot slot) => string.Join(" or ", slot.Kind.Shapes.Select(s => s.Display(slot.Name)));

    /// <summary>
    /// Whether a type can be a typed handle: a class or interface of the filesystem's own, not a string, not a
    /// task (an async open is not an open).
    /// </summary>
    public static bool IsHandleType(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Interface &&
        type.SpecialType == SpecialType.None &&
        type.ContainingNamespace?.ToDisplayString() is not ("System.Threading.Tasks" or "FuseGen");

    /// <summary>The C# spelling Roslyn gives a type, as the catalog stores it.</summary>
    public static string TypeName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public static ManagedRefKind RefKindOf(RefKind refKind) => refKind switch
    {
        RefKind.Ref => ManagedRefKind.Ref,
        RefKind.Out => ManagedRefKind.Out,
        RefKind.None => ManagedRefKind.None,
        _ => ManagedRefKind.In,
    };

    private static SignatureProblem DescribeMismatch(OperationDescriptor operation, IParameterSymbol parameter, int index, string typeName, ManagedRefKind refKind, int expectedSlot)
    {
        var remaining = operation.Slots.Skip(expectedSlot).Where(s => s.Kind.Shapes.Count > 0).ToList();
        var sameType = remaining.SelectMany(s => s.Kind.Shapes.Select(shape => (s, shape))).FirstOrDefault(x => x.shape.TypeName == typeName);
        if (sameType.shape is not null)
        {
            return new SignatureProblem(SignatureProblemKind.ParameterRefKind, index,
                $"parameter '{parameter.Name}' must be declared '{sameType.shape.Display(parameter.Name)}' for [{operation.Name}]");
        }

        var expected = remaining.Count == 0
            ? "no further parameters"
            : string.Join("; ", remaining.Select(s => Accepted(s) + (s.Optional ? " (optional)" : "")));
        return new SignatureProblem(SignatureProblemKind.ParameterType, index,
            $"parameter '{parameter.ToDisplayString()}' does not fit [{operation.Name}], which expects here {expected}");
    }

    private static void CheckReturnRequirements(OperationDescriptor operation, ReturnShape returnShape, List<ParameterBinding> bindings, List<SignatureProblem> problems)
    {
        var boundKinds = new HashSet<string>(bindings.Where(b => b.SlotIndex >= 0).Select(b => operation.Slots[b.SlotIndex].Kind.Id));
        if (returnShape.RequiresKind is { } required && !boundKinds.Contains(required))
        {
            var slot = operation.Slots.First(s => s.Kind.Id == required);
            problems.Add(new SignatureProblem(SignatureProblemKind.ReturnParameterConflict, -1,
                $"returning '{returnShape.DisplayType}' needs the parameter '{Accepted(slot)}' to write into"));
        }

        foreach (var other in operation.Result.Shapes)
        {
            if (other.RequiresKind is { } kind && returnShape.RequiresKind != kind && boundKinds.Contains(kind))
            {
                var slot = operation.Slots.First(s => s.Kind.Id == kind);
                problems.Add(new SignatureProblem(SignatureProblemKind.ReturnParameterConflict, -1,
                    $"the parameter '{Accepted(slot)}' is only used with the '{other.DisplayType}' return type"));
            }
        }
    }
}
