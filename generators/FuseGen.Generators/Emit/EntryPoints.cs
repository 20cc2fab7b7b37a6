using FuseGen.Catalog;

namespace FuseGen.Generators.Emit;

/// <summary>Names of the generated native entry points.</summary>
internal static class EntryPoints
{
    /// <summary>Prefix of every member FuseGen adds to a filesystem type, out of the way of the user's names.</summary>
    public const string Prefix = "__FuseGen_";

    /// <summary>Name of the generated entry point for an operation, e.g. <c>__FuseGen_getattr</c>.</summary>
    public static string Name(OperationDescriptor operation) => Prefix + operation.NativeName;

    /// <summary>Name of the method that answers an async operation when its task completes, e.g. <c>__FuseGen_reply_read</c>.</summary>
    public static string ReplyName(OperationDescriptor operation) => Prefix + "reply_" + operation.NativeName;

    /// <summary>The local an entry point declares for a slot's argument, e.g. <c>__stat</c>.</summary>
    public static string Local(OperationSlot slot) => "__" + slot.Name;
}
