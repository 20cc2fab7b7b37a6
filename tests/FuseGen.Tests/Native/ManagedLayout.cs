using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;

namespace FuseGen.Tests.Native;

/// <summary>
/// The layout the runtime actually gives a struct: size and the offset of every instance field, measured from field
/// addresses of a local instance (Marshal.OffsetOf reports the marshalling layout, and FuseGen disables runtime
/// marshalling).
/// </summary>
internal static class ManagedLayout
{
    public static int SizeOf(Type type) => Measure(type, null);

    /// <summary>Field name to byte offset, for every instance field (public or not) in declaration order.</summary>
    public static Dictionary<string, int> Offsets(Type type)
    {
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            offsets.Add(field.Name, Measure(type, field));
        }

        return offsets;
    }

    // Emits: T local; return field is null ? sizeof(T) : (int)((byte*)&local.field - (byte*)&local);
    private static int Measure(Type type, FieldInfo? field)
    {
        var method = new DynamicMethod("Measure", typeof(int), Type.EmptyTypes, typeof(ManagedLayout).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        if (field is null)
        {
            il.Emit(OpCodes.Sizeof, type);
        }
        else
        {
            var local = il.DeclareLocal(type);
            il.Emit(OpCodes.Ldloca, local);
            il.Emit(OpCodes.Ldflda, field);
            il.Emit(OpCodes.Ldloca, local);
            il.Emit(OpCodes.Sub);
            il.Emit(OpCodes.Conv_I4);
        }

        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Func<int>>()();
    }
}
