namespace FuseGen.Catalog;

/// <summary>Every family of operation results and the managed return types that express it.</summary>
internal static class ResultKinds
{
    private const string Interop = "global::FuseGen.Interop.";

    public static readonly ResultKind Status = new("status", "int", "return {fail};",
        new ReturnShape("status.errno", "global::FuseGen.Errno", "Errno", "__result = " + Interop + "NativeResult.FromErrno({call});", "Errno.None on success, otherwise the error"),
        new ReturnShape("status.int", "int", "int", "__result = " + Interop + "NativeResult.Check({call});", "0 on success, otherwise -errno"),
        new ReturnShape("status.void", "void", "void", "{call};\n__result = 0;", "success unless it throws"));

    public static readonly ResultKind Open = new("open", "int", "return {fail};",
        new ReturnShape("open.errno", "global::FuseGen.Errno", "Errno", "__result = " + Interop + "NativeResult.FromErrno({call});", "Errno.None on success, otherwise the error"),
        new ReturnShape("open.int", "int", "int", "__result = " + Interop + "NativeResult.Check({call});", "0 on success, otherwise -errno"),
        new ReturnShape("open.void", "void", "void", "{call};\n__result = 0;", "success unless it throws"),
        new ReturnShape("open.handle", ManagedShape.AnyHandleType, "THandle", "__result = __request.StoreHandle({call}, fi);", "a handle object that later operations on this file receive"));

    public static readonly ResultKind Count = new("count", "int", "return {fail};",
        new ReturnShape("count.int", "int", "int", "__result = " + Interop + "NativeResult.Check({call});", "number of bytes (>= 0), or -errno"));

    public static readonly ResultKind LinkTarget = new("link-target", "int", "return {fail};",
        new ReturnShape("link-target.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", "__result = " + Interop + "NativeText.CopyLinkTarget({call}, buf, size);", "the link target (truncated to the kernel's buffer)"),
        new ReturnShape("link-target.string", "string", "string", "__result = " + Interop + "NativeText.CopyLinkTarget({call}, buf, size);", "the link target (truncated to the kernel's buffer)"),
        new ReturnShape("link-target.int", "int", "int", "__result = " + Interop + "NativeText.TerminateLinkTarget({call}, buf, size);", "bytes written to the Span<byte> buffer parameter, or -errno", requiresKind: "link-buffer"));

    public static readonly ResultKind XattrValue = new("xattr-reply", "int", "return {fail};",
        new ReturnShape("xattr-reply.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", "__result = " + Interop + "NativeXattr.Reply({call}, buf, size);", "the value (throw FuseException(Errno.ENODATA) when absent)"),
        new ReturnShape("xattr-reply.array", "byte[]", "byte[]?", "__result = " + Interop + "NativeXattr.Reply({call}, buf, size);", "the value, or null when the attribute does not exist (ENODATA)"),
        new ReturnShape("xattr-reply.int", "int", "int", "__result = " + Interop + "NativeResult.Check({call});", "the value's length, written into the Span<byte> buffer parameter (or only measured when it is empty), or -errno", requiresKind: "xattr-output"));

    public static readonly ResultKind XattrNames = new("xattr-names", "int", "return {fail};",
        new ReturnShape("xattr-names.enumerable", "global::System.Collections.Generic.IEnumerable<string>", "IEnumerable<string>", "__result = " + Interop + "NativeXattr.ReplyNames({call}, buf, size);", "the attribute names"),
        new ReturnShape("xattr-names.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", "__result = " + Interop + "NativeXattr.Reply({call}, buf, size);", "the names as one NUL-terminated UTF-8 string after another"),
        new ReturnShape("xattr-names.int", "int", "int", "__result = " + Interop + "NativeResult.Check({call});", "the list's length, written into the Span<byte> buffer parameter (or only measured when it is empty), or -errno", requiresKind: "xattr-output"));

    public static readonly ResultKind Init = new("init", "void*", "{fail};\nreturn null;",
        new ReturnShape("init.void", "void", "void", "{call};\n__result = null;", "nothing: FuseGen keeps libfuse's private data"));

    public static readonly ResultKind Destroy = new("destroy", "void", "{fail};",
        new ReturnShape("destroy.void", "void", "void", "{call};", "nothing"));

    public static readonly ResultKind Offset = new("new-offset", "long", "return {fail};",
        new ReturnShape("new-offset.long", "long", "long", "__result = " + Interop + "NativeResult.Check({call});", "the new offset (>= 0), or -errno"));

    public static readonly ResultKind ByteCount64 = new("ssize", "nint", "return {fail};",
        new ReturnShape("ssize.long", "long", "long", "__result = (nint)" + Interop + "NativeResult.Check({call});", "number of bytes copied (>= 0), or -errno"),
        new ReturnShape("ssize.int", "int", "int", "__result = " + Interop + "NativeResult.Check({call});", "number of bytes copied (>= 0), or -errno"));
}
