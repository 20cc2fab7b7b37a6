namespace FuseGen.Catalog;

/// <summary>One parameter of a libfuse3 callback as C declares it, and the blittable C# type the trampoline receives.</summary>
internal sealed class NativeParameter
{
    public NativeParameter(string name, string cType, string interopType)
    {
        Name = name;
        CType = cType;
        InteropType = interopType;
    }

    /// <summary>Name used in the generated trampoline (C's name where fuse.h gives one).</summary>
    public string Name { get; }

    /// <summary>The C type from fuse.h, for documentation.</summary>
    public string CType { get; }

    /// <summary>The C# type in the <c>[UnmanagedCallersOnly]</c> signature (pointers and primitives only).</summary>
    public string InteropType { get; }
}
