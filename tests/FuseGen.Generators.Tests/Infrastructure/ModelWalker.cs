using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using FuseGen.Generators.Helpers;
using Microsoft.CodeAnalysis;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary>
/// Walks a generator model by reflection, through every field (backing fields of records included) and every
/// element of collections, and fails on anything that would pin a compilation or compare by reference.
/// </summary>
internal static class ModelWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel),
        typeof(AttributeData), typeof(SyntaxToken), typeof(SyntaxReference),
    };

    /// <summary>Walks <paramref name="root"/> and returns the types it met; throws on a forbidden or unknown type.</summary>
    public static IReadOnlySet<Type> Walk(object root)
    {
        var seen = new HashSet<Type>();
        Walk(root, root.GetType().Name, seen, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return seen;
    }

    private static void Walk(object? value, string path, HashSet<Type> seen, HashSet<object> visited)
    {
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        seen.Add(type);
        foreach (var forbidden in Forbidden)
        {
            if (forbidden.IsAssignableFrom(type))
            {
                throw new InvalidOperationException($"{path} holds a {forbidden.Name} ({type.FullName}): models must hold plain values only.");
            }
        }

        if (type.IsPrimitive || type.IsEnum || value is string)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (type.IsArray)
        {
            var index = 0;
            foreach (var item in (IEnumerable)value)
            {
                Walk(item, $"{path}[{index++}]", seen, visited);
            }

            return;
        }

        if (!IsModelType(type))
        {
            throw new InvalidOperationException($"{path} holds a {type.FullName}, which is not known to compare by value.");
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), path + "." + field.Name, seen, visited);
            }
        }
    }

    /// <summary>The model records and <see cref="EquatableArray{T}"/>: types whose equality is by value by design.</summary>
    private static bool IsModelType(Type type) =>
        type.Namespace == typeof(Model.FileSystemModel).Namespace ||
        (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>));
}
