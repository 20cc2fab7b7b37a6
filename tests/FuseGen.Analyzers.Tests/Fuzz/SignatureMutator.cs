using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FuseGen.Catalog;

namespace FuseGen.Analyzers.Tests.Fuzz;

/// <summary>Seeded random mutations of valid signatures: mostly wrong, sometimes still valid, never random text.</summary>
internal sealed class SignatureMutator
{
    private static readonly string[] CatalogTypes = OperationCatalog.All
        .SelectMany(o => o.Slots.SelectMany(s => s.Kind.Shapes).Select(s => s.TypeName).Concat(o.Result.Shapes.Select(r => r.TypeName)))
        .Where(t => t != ManagedShape.AnyHandleType && t != "void")
        .Distinct(StringComparer.Ordinal)
        .OrderBy(t => t, StringComparer.Ordinal)
        .ToArray();

    private static readonly string[] OtherTypes =
    {
        "int", "long", "uint", "string", "string?", "object", "dynamic", "byte[]", "int[]", "string[]", "Handle", "Handle?", "Handle[]",
        "Span<byte>", "ReadOnlySpan<byte>", "Memory<byte>", "ReadOnlySpan<char>", "Stat?", "Errno", "FuseContext", "Task<int>",
        "Func<int>", "int*", "nint", "(int, int)", "List<string>", "IDisposable", "Exception", "long?", "T",
    };

    private static readonly string[] ReturnTypes =
    {
        "void", "int", "long", "uint", "bool", "string", "string?", "Errno", "Errno?", "Task", "Task<int>", "Task<Errno>", "ValueTask<Errno>",
        "Handle", "Handle?", "object", "byte[]", "byte[]?", "ReadOnlySpan<byte>", "Span<byte>", "IEnumerable<string>", "ref int", "int*", "T",
        "dynamic", "IDisposable",
    };

    private static readonly string[] RefKinds = { "", "ref", "out", "in", "ref readonly", "scoped ref" };

    private readonly Random _random;
    private readonly (string Name, Func<MethodSpec, MethodSpec> Apply)[] _mutations;

    public SignatureMutator(Random random)
    {
        _random = random;
        _mutations = new (string, Func<MethodSpec, MethodSpec>)[]
        {
            ("swap parameters", SwapParameters),
            ("drop a parameter", DropParameter),
            ("duplicate a parameter", DuplicateParameter),
            ("change a ref kind", ChangeRefKind),
            ("replace a type with a catalog type", m => ReplaceType(m, Pick(CatalogTypes))),
            ("replace a type", m => ReplaceType(m, Pick(OtherTypes))),
            ("change the return type", m => m with { ReturnType = Pick(_random.Next(2) == 0 ? ReturnTypes : CatalogTypes) }),
            ("make generic", m => m with { TypeParameters = "<T>" }),
            ("toggle static", m => m with { IsStatic = !m.IsStatic }),
            ("add params", AddParams),
            ("add an optional parameter", AddOptional),
            ("make async", m => m with { IsAsync = true }),
            ("make extern", m => m with { IsExtern = true }),
            ("add the caller context", AddContext),
            ("change the operation", m => m with { Operations = ImmutableList.Create(Pick(OperationCatalog.All).Name) }),
            ("add a second operation", m => m with { Operations = m.Operations.Add(Pick(OperationCatalog.All).Name) }),
            ("drop the operation", m => m with { Operations = ImmutableList<string>.Empty }),
            ("name it with a keyword", m => m with { Name = "@event" }),
            ("make obsolete", m => m with { ExtraAttribute = "Obsolete(\"old\")" }),
            ("make obsolete as an error", m => m with { ExtraAttribute = "Obsolete(\"gone\", true)" }),
        };
    }

    public IReadOnlyList<string> Names => _mutations.Select(m => m.Name).ToList();

    /// <summary>Applies one to three random mutations and says which.</summary>
    public (MethodSpec Method, IReadOnlyList<string> Applied) Mutate(MethodSpec method)
    {
        var applied = new List<string>();
        for (var count = _random.Next(1, 4); count > 0; count--)
        {
            var (name, apply) = Pick(_mutations);
            method = apply(method);
            applied.Add(name);
        }

        return (method, applied);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private MethodSpec SwapParameters(MethodSpec method)
    {
        if (method.Parameters.Count < 2)
        {
            return method;
        }

        var i = _random.Next(method.Parameters.Count);
        var j = _random.Next(method.Parameters.Count);
        return method with { Parameters = method.Parameters.SetItem(i, method.Parameters[j]).SetItem(j, method.Parameters[i]) };
    }

    private MethodSpec DropParameter(MethodSpec method) =>
        method.Parameters.Count == 0 ? method : method with { Parameters = method.Parameters.RemoveAt(_random.Next(method.Parameters.Count)) };

    private MethodSpec DuplicateParameter(MethodSpec method)
    {
        if (method.Parameters.Count == 0)
        {
            return method;
        }

        var copy = Pick(method.Parameters);
        return method with { Parameters = method.Parameters.Insert(_random.Next(method.Parameters.Count + 1), copy with { Name = copy.Name + "Again" + _random.Next(100) }) };
    }

    private MethodSpec ChangeRefKind(MethodSpec method)
    {
        if (method.Parameters.Count == 0)
        {
            return method;
        }

        var i = _random.Next(method.Parameters.Count);
        return method with { Parameters = method.Parameters.SetItem(i, method.Parameters[i] with { RefKind = Pick(RefKinds) }) };
    }

    private MethodSpec ReplaceType(MethodSpec method, string type)
    {
        if (method.Parameters.Count == 0)
        {
            return method;
        }

        var i = _random.Next(method.Parameters.Count);
        return method with { Parameters = method.Parameters.SetItem(i, method.Parameters[i] with { Type = type }) };
    }

    private MethodSpec AddParams(MethodSpec method) =>
        method with { Parameters = method.Parameters.Add(new ParameterSpec("", Pick(new[] { "int[]", "object[]", "ReadOnlySpan<byte>", "string[]" }), "rest", IsParams: true)) };

    private MethodSpec AddOptional(MethodSpec method) =>
        method with { Parameters = method.Parameters.Add(Pick(new[]
        {
            new ParameterSpec("", "int", "extra", "0"),
            new ParameterSpec("", "long", "offsetOrDefault", "0"),
            new ParameterSpec("", "FuseContext", "callerOrDefault", "default"),
            new ParameterSpec("", "string?", "pathOrNull", "null"),
        })) };

    private MethodSpec AddContext(MethodSpec method) =>
        method with { Parameters = method.Parameters.Insert(_random.Next(method.Parameters.Count + 1), new ParameterSpec("", "FuseContext", "caller" + _random.Next(100))) };
}
