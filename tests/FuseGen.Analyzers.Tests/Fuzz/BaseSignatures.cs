using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FuseGen.Catalog;

namespace FuseGen.Analyzers.Tests.Fuzz;

/// <summary>
/// Valid signatures of every bindable operation, built from <see cref="OperationCatalog"/>: for each return shape,
/// every slot's canonical shape, the same with each alternative shape, and the shortest form (optional slots left out).
/// </summary>
internal static class BaseSignatures
{
    /// <summary>Typed-handle shapes use this class, which every generated filesystem declares.</summary>
    public const string HandleType = "Handle";

    public static IReadOnlyList<MethodSpec> For(OperationDescriptor operation)
    {
        var signatures = new List<MethodSpec>();
        foreach (var returnShape in operation.Result.Shapes)
        {
            // A slot another return shape requires (readlink's buffer) is only allowed with that shape.
            var slots = operation.Slots
                .Where(s => s.Kind.Shapes.Count > 0)
                .Where(s => !operation.Result.Shapes.Any(other => other != returnShape && other.RequiresKind == s.Kind.Id))
                .ToList();
            var returnType = returnShape.TypeName == ManagedShape.AnyHandleType ? HandleType : returnShape.TypeName;
            MethodSpec Method(IEnumerable<ParameterSpec> parameters) =>
                new("Op" + operation.Name, returnType, parameters.ToImmutableList(), ImmutableList.Create(operation.Name));

            signatures.Add(Method(slots.Select(s => Parameter(s, s.Kind.Shapes[0]))));
            signatures.Add(Method(slots.Where(s => !s.Optional || returnShape.RequiresKind == s.Kind.Id).Select(s => Parameter(s, s.Kind.Shapes[0]))));
            foreach (var slot in slots)
            {
                foreach (var alternative in slot.Kind.Shapes.Skip(1))
                {
                    signatures.Add(Method(slots.Select(s => Parameter(s, s == slot ? alternative : s.Kind.Shapes[0]))));
                }
            }
        }

        return signatures.Distinct(new RenderedEquality()).ToList();
    }

    public static IEnumerable<(OperationDescriptor Operation, MethodSpec Method)> All() =>
        OperationCatalog.All.Where(o => o.IsBindable).SelectMany(o => For(o).Select(m => (o, m)));

    public static ParameterSpec Parameter(OperationSlot slot, ManagedShape shape) =>
        new(RefKeyword(shape.RefKind), shape.TypeName == ManagedShape.AnyHandleType ? HandleType : shape.TypeName, slot.Name);

    private static string RefKeyword(ManagedRefKind refKind) => refKind switch
    {
        ManagedRefKind.Ref => "ref",
        ManagedRefKind.Out => "out",
        ManagedRefKind.In => "in",
        _ => "",
    };

    private sealed class RenderedEquality : IEqualityComparer<MethodSpec>
    {
        public bool Equals(MethodSpec? x, MethodSpec? y) => x?.Render() == y?.Render();

        public int GetHashCode(MethodSpec obj) => obj.Render().GetHashCode(System.StringComparison.Ordinal);
    }
}
