using System.Collections.Generic;
using System.Linq;
using FuseGen.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FuseGen.Signatures;

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

        var awaitable = AwaitableOf(method);
        var isAsync = awaitable is not null;
        var returnShape = ReturnShapeOf(method, operation);
        if (returnShape is null)
        {
            var notAHandle = operation.Result.Shapes.Any(s => s.TypeName == ManagedShape.AnyHandleType) && !method.ReturnsVoid && !isAsync
                ? WhyNotAHandle(method.ReturnType)
                : null;
            problems.Add(new SignatureProblem(SignatureProblemKind.ReturnType, -1,
                $"the return type '{method.ReturnType.ToDisplayString()}' is not accepted; [{operation.Name}] returns " +
                string.Join(" or ", operation.Result.Shapes.Select(s => $"'{s.DisplayType}' ({s.Meaning})")) +
                AsyncAlternatives(operation, isAsync) +
                (notAHandle is null ? "" : "; " + notAHandle)));
        }
        else if (isAsync && operation.HandleRole is HandleRole.ReleasesFile or HandleRole.ReleasesDirectory)
        {
            returnShape = null;
            problems.Add(new SignatureProblem(SignatureProblemKind.ReturnType, -1,
                $"[{operation.Name}] cannot return a task: FuseGen frees the handle when the method returns, so it must return " +
                string.Join(" or ", operation.Result.Shapes.Select(s => $"'{s.DisplayType}'"))));
        }

        // A parameter list usually binds slot by slot; when it does not (a leading ReadOnlySpan<byte> may be the
        // optional path or the data), search every order-preserving assignment before reporting anything.
        if (returnShape is not null && Bind(method, operation, returnShape, isAsync) is { } found)
        {
            return new SignatureMatch(returnShape, found, problems, awaitable);
        }

        // No assignment works. The order-preserving assignment that binds the most parameters says where the list goes
        // wrong: the first parameter even it cannot place is the one to blame, not one a wrong guess displaced (a
        // leading ReadOnlySpan<byte> taken for the path leaves the data's place to the offset).
        var (prefix, slotIndex) = LongestBindablePrefix(method, operation, isAsync);
        bindings.AddRange(prefix);
        if (prefix.Count < method.Parameters.Length)
        {
            var p = prefix.Count;
            var parameter = method.Parameters[p];
            var firstRequired = operation.Slots.Skip(slotIndex).TakeWhile(s => s.Optional).Count() + slotIndex;
            var expectedSlot = firstRequired < operation.Slots.Count ? firstRequired : slotIndex;
            problems.Add(DescribeMismatch(operation, parameter, p, TypeName(parameter.Type), RefKindOf(parameter.RefKind), expectedSlot, isAsync, slotIndex));
            return new SignatureMatch(returnShape, bindings, problems, awaitable);
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
            problems.AddRange(ReturnRequirementProblems(operation, returnShape, bindings));
        }

        return new SignatureMatch(returnShape, bindings, problems, awaitable);
    }

    /// <summary>
    /// The first assignment, in slot order, of every parameter to a slot (or to an ambient parameter) that leaves no
    /// required slot out and meets the return shape's requirements; null when there is none. Depth-first with the
    /// earliest slot tried first, so a list that binds slot by slot binds exactly as it reads.
    /// </summary>
    private static List<ParameterBinding>? Bind(IMethodSymbol method, OperationDescriptor operation, ReturnShape returnShape, bool isAsync)
    {
        var bindings = new List<ParameterBinding>();
        return Extend(0, 0) ? bindings : null;

        bool Extend(int p, int slotIndex)
        {
            if (p == method.Parameters.Length)
            {
                return operation.Slots.Skip(slotIndex).All(s => s.Optional || s.Kind.Shapes.Count == 0) &&
                    ReturnRequirementProblems(operation, returnShape, bindings).Count == 0;
            }

            var parameter = method.Parameters[p];
            if (Ambient(parameter, isAsync) is { } ambient)
            {
                return Try(new ParameterBinding(ambient, -1), slotIndex);
            }

            for (var s = slotIndex; s < operation.Slots.Count; s++)
            {
                if (Fit(operation.Slots[s], parameter, isAsync) is { } shape && Try(new ParameterBinding(shape, s), s + 1))
                {
                    return true;
                }

                if (!operation.Slots[s].Optional)
                {
                    return false;
                }
            }

            return false;

            bool Try(ParameterBinding binding, int nextSlot)
            {
                bindings.Add(binding);
                if (Extend(p + 1, nextSlot))
                {
                    return true;
                }

                bindings.RemoveAt(bindings.Count - 1);
                return false;
            }
        }
    }

    /// <summary>
    /// The first (in slot order) of the order-preserving assignments that place the most leading parameters, ignoring
    /// required slots left over and the return shape, and the slot after its last placed parameter.
    /// </summary>
    private static (List<ParameterBinding> Bindings, int NextSlot) LongestBindablePrefix(IMethodSymbol method, OperationDescriptor operation, bool isAsync)
    {
        var best = new List<ParameterBinding>();
        var bestNextSlot = 0;
        var current = new List<ParameterBinding>();
        Extend(0, 0);
        return (best, bestNextSlot);

        void Extend(int p, int slotIndex)
        {
            if (p > best.Count)
            {
                best = new List<ParameterBinding>(current);
                bestNextSlot = slotIndex;
            }

            if (p == method.Parameters.Length)
            {
                return;
            }

            var parameter = method.Parameters[p];
            if (Ambient(parameter, isAsync) is { } ambient)
            {
                Try(new ParameterBinding(ambient, -1), slotIndex);
                return;
            }

            for (var s = slotIndex; s < operation.Slots.Count && best.Count < method.Parameters.Length; s++)
            {
                if (Fit(operation.Slots[s], parameter, isAsync) is { } shape)
                {
                    Try(new ParameterBinding(shape, s), s + 1);
                }

                if (!operation.Slots[s].Optional)
                {
                    return;
                }
            }

            void Try(ParameterBinding binding, int nextSlot)
            {
                current.Add(binding);
                Extend(p + 1, nextSlot);
                current.RemoveAt(current.Count - 1);
            }
        }
    }

    private static ManagedShape? Ambient(IParameterSymbol parameter, bool isAsync)
    {
        var typeName = TypeName(parameter.Type);
        var refKind = RefKindOf(parameter.RefKind);
        return AmbientParameters.All.FirstOrDefault(a => a.TypeName == typeName && a.RefKind == refKind && a.Fits(isAsync));
    }

    /// <summary>The slot's shape the parameter has, ref-ness and the method's form (synchronous or async) included.</summary>
    private static ManagedShape? Fit(OperationSlot slot, IParameterSymbol parameter, bool isAsync)
    {
        var refKind = RefKindOf(parameter.RefKind);
        return slot.Kind.Shapes.FirstOrDefault(shape => shape.RefKind == refKind && shape.Fits(isAsync) && HasType(shape, parameter.Type));
    }

    /// <summary>
    /// The operation's return shape the method's return type is, or null when it is none of them. A task
    /// (<see cref="AwaitableOf"/>) is the shape of its result (<c>void</c> for <c>ValueTask</c> and <c>Task</c>) when
    /// that shape has an async form.
    /// </summary>
    public static ReturnShape? ReturnShapeOf(IMethodSymbol method, OperationDescriptor operation)
    {
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return null;
        }

        if (AwaitableOf(method) is not null)
        {
            var result = ((INamedTypeSymbol)method.ReturnType).TypeArguments.FirstOrDefault();
            var resultType = result is null ? "void" : TypeName(result);
            return operation.Result.Shapes.FirstOrDefault(s => s.IsAwaitable && s.TypeName == resultType) ??
                operation.Result.Shapes.FirstOrDefault(s => s.IsAwaitable && result is not null && s.TypeName == ManagedShape.AnyHandleType && IsHandleType(result));
        }

        var returnType = method.ReturnsVoid ? "void" : TypeName(method.ReturnType);
        return operation.Result.Shapes.FirstOrDefault(s => s.TypeName == returnType) ??
            operation.Result.Shapes.FirstOrDefault(s => s.TypeName == ManagedShape.AnyHandleType && IsHandleType(method.ReturnType));
    }

    /// <summary>
    /// <see cref="AsyncTypes.ValueTask"/> or <see cref="AsyncTypes.Task"/> when the method returns one (with or without
    /// a result), null when it returns its result.
    /// </summary>
    public static string? AwaitableOf(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { Name: AsyncTypes.ValueTask or AsyncTypes.Task, Arity: <= 1 } type &&
        type.ContainingNamespace?.ToDisplayString() == AsyncTypes.TasksNamespace
            ? type.Name
            : null;

    /// <summary>What a task-returning method may return for the operation, completing a return-type message.</summary>
    private static string AsyncAlternatives(OperationDescriptor operation, bool isAsync)
    {
        var awaitable = operation.Result.Shapes.Where(s => s.IsAwaitable).ToList();
        if (awaitable.Count > 0)
        {
            return "; or, async, " + string.Join(" or ", awaitable.Select(s => s.TypeName == "void" ? "'ValueTask' or 'Task'" : $"'ValueTask<{s.DisplayType}>' or 'Task<{s.DisplayType}>'"));
        }

        return isAsync && operation.Result.Shapes.All(s => s.Reply is null)
            ? "; a task is accepted only by [FuseInodeFileSystem] operations, whose replies may be deferred (the path API answers libfuse when the method returns)"
            : "";
    }

    /// <summary>Whether a type is the shape's type (any handle type for a handle shape), ref-ness aside.</summary>
    public static bool HasType(ManagedShape shape, ITypeSymbol type) =>
        shape.TypeName == TypeName(type) || (shape.TypeName == ManagedShape.AnyHandleType && IsHandleType(type));

    /// <summary>Renders a slot's accepted shapes, e.g. <c>ReadOnlySpan&lt;byte&gt; path</c> or <c>string path</c>.</summary>
    public static string Accepted(OperationSlot slot) => string.Join(" or ", slot.Kind.Shapes.Select(s => s.Display(slot.Name)).Distinct());

    /// <summary>The shapes of <paramref name="slot"/> a synchronous or a task-returning method may take there.</summary>
    private static string Accepted(OperationSlot slot, bool isAsync) =>
        string.Join(" or ", slot.Kind.Shapes.Where(s => s.Fits(isAsync)).Select(s => s.Display(slot.Name)).Distinct());

    /// <summary>
    /// Whether a type can be a typed handle: a class or interface of the filesystem's own, not a string, not a
    /// task (an async open is not an open).
    /// </summary>
    public static bool IsHandleType(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Interface &&
        type.SpecialType == SpecialType.None &&
        type.ContainingNamespace?.ToDisplayString() is not ("System.Threading.Tasks" or RuntimeNames.Namespace);

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

    /// <summary>
    /// What a task-returning method takes or returns instead of <paramref name="synchronous"/>: the slot's task form
    /// (read's <c>Memory&lt;byte&gt;</c>), or, for a result written to a ref parameter, the task of that result.
    /// </summary>
    private static string AsyncInstead(OperationDescriptor operation, ManagedShape synchronous, string name)
    {
        var slot = operation.Slots.FirstOrDefault(s => s.Kind.Shapes.Contains(synchronous));
        var taken = slot?.Kind.Shapes.Where(shape => shape.Fits(isAsync: true)).Select(shape => $"'{shape.Display(name)}'").ToList();
        if (taken is { Count: > 0 })
        {
            return $"; take {string.Join(" or ", taken)} instead";
        }

        if (slot is null || !operation.Result.Shapes.Any(shape => shape.RequiresKind == slot.Kind.Id))
        {
            return "";
        }

        var returned = operation.Result.Shapes.Where(shape => shape.IsAwaitable && shape.TypeName != "void" && shape.RequiresKind is null).Select(shape => $"'ValueTask<{shape.DisplayType}>'").ToList();
        return returned.Count > 0 ? $"; return {string.Join(" or ", returned)} instead" : "";
    }

    private static SignatureProblem DescribeMismatch(OperationDescriptor operation, IParameterSymbol parameter, int index, string typeName, ManagedRefKind refKind, int expectedSlot, bool isAsync, int firstOpenSlot)
    {
        // What this method could still take: a task-returning one only the task forms (no ref entry, no span to fill).
        var remaining = operation.Slots.Skip(expectedSlot).Where(s => s.Kind.Shapes.Any(shape => shape.Fits(isAsync))).ToList();

        // A shape of the other form (a span to fill in a task-returning method) may be in an optional slot the walk passed.
        var otherForm = operation.Slots.Skip(firstOpenSlot).SelectMany(s => s.Kind.Shapes).Concat(AmbientParameters.All)
            .FirstOrDefault(shape => !shape.Fits(isAsync) && shape.RefKind == refKind && HasType(shape, parameter.Type));
        if (otherForm is not null)
        {
            return new SignatureProblem(SignatureProblemKind.ParameterType, index, isAsync
                ? $"parameter '{parameter.ToDisplayString()}' cannot be used by a method that returns a task: it does not outlive the call, and the reply is sent when the task completes{AsyncInstead(operation, otherForm, parameter.Name)}"
                : $"parameter '{parameter.ToDisplayString()}' is only for a method that returns a task (ValueTask or Task)");
        }

        // Only a type that fits with another ref-ness is a ref-kind problem; the right type and ref-ness in the wrong
        // place is a position problem, described below by what is expected here.
        var otherRefKinds = remaining
            .Select(s => s.Kind.Shapes.Where(shape => shape.TypeName == typeName && shape.RefKind != refKind && shape.Fits(isAsync)).ToList())
            .FirstOrDefault(shapes => shapes.Count > 0);
        if (otherRefKinds is not null)
        {
            return new SignatureProblem(SignatureProblemKind.ParameterRefKind, index,
                $"parameter '{parameter.Name}' must be declared {string.Join(" or ", otherRefKinds.Select(shape => $"'{shape.Display(parameter.Name)}'").Distinct())} for [{operation.Name}]");
        }

        var expected = remaining.Count == 0
            ? "no further parameters"
            : string.Join("; ", remaining.Select(s => Accepted(s, isAsync) + (s.Optional ? " (optional)" : "")));
        if (parameter.IsOptional)
        {
            // A default value reads as "FuseGen may leave this out", but the entry point passes what libfuse gives.
            return new SignatureProblem(SignatureProblemKind.ParameterType, index,
                $"optional parameter '{parameter.ToDisplayString()}{DefaultValueText(parameter)}' fits nothing [{operation.Name}] passes, and a native entry point never leaves an argument out; [{operation.Name}] expects here {expected}");
        }

        var notAHandle = remaining.Any(s => s.Kind.Shapes.Any(shape => shape.TypeName == ManagedShape.AnyHandleType))
            ? WhyNotAHandle(parameter.Type)
            : null;
        return new SignatureProblem(SignatureProblemKind.ParameterType, index,
            $"parameter '{parameter.ToDisplayString()}' does not fit [{operation.Name}], which expects here {expected}" +
            (notAHandle is null ? "" : "; " + notAHandle));
    }

    /// <summary>
    /// Why a type one may take for a handle is none (<see cref="IsHandleType"/>): object, a class that is not the
    /// filesystem's own, a struct of the project's. Null for a handle type and for what nobody takes for one (numbers,
    /// strings, spans, FuseGen's structs), which the expected shapes already explain.
    /// </summary>
    public static string? WhyNotAHandle(ITypeSymbol type)
    {
        var ownStruct = type.TypeKind is TypeKind.Struct && !type.IsRefLikeType && type.Locations.Any(l => l.IsInSource);
        if (IsHandleType(type) || !(type.SpecialType == SpecialType.System_Object || type.TypeKind is TypeKind.Class or TypeKind.Interface || ownStruct))
        {
            return null;
        }

        var why = type switch
        {
            { SpecialType: SpecialType.System_Object } => "it says nothing of what the handle is",
            { SpecialType: SpecialType.System_String } => null,
            { TypeKind: TypeKind.Struct } => "a struct would be copied, not handed back",
            _ when type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks" => "a task is not the handle it completes with",
            _ => "FuseGen's own types are not handles",
        };
        if (why is null)
        {
            return null;
        }

        return $"'{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' cannot be a handle, which is a class or interface of the filesystem's own (not object, string, a struct, a task or a FuseGen type): {why}";
    }

    /// <summary>The default value as written (<c> = 3</c>); a parameter's own display string leaves it out.</summary>
    private static string DefaultValueText(IParameterSymbol parameter) =>
        parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is ParameterSyntax { Default: { } value }
            ? " = " + value.Value
            : "";

    private static List<SignatureProblem> ReturnRequirementProblems(OperationDescriptor operation, ReturnShape returnShape, List<ParameterBinding> bindings)
    {
        var problems = new List<SignatureProblem>();
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

        return problems;
    }
}
