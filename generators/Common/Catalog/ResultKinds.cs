using Names = FuseGen.Catalog.RuntimeNames;

namespace FuseGen.Catalog;

/// <summary>Every family of operation results and the managed return types that express it.</summary>
internal static class ResultKinds
{
    // The holes of the templates below: the user's call, the request, the failure report, and native parameters the
    // result is written into, found by the kind of the slot that holds them.
    private static readonly CodeHole Call = CodeHole.Call;
    private static readonly CodeHole Request = CodeHole.Request;
    private static readonly CodeHole Failure = CodeHole.Failure;
    private static readonly CodeHole FileInfo = CodeHole.NativeOf(ParameterKinds.FileInfo, 0);
    private static readonly CodeHole LinkBuffer = CodeHole.NativeOf(ParameterKinds.LinkBuffer, 0);
    private static readonly CodeHole LinkBufferSize = CodeHole.NativeOf(ParameterKinds.LinkBuffer, 1);
    private static readonly CodeHole XattrBuffer = CodeHole.NativeOf(ParameterKinds.XattrOutput, 0);
    private static readonly CodeHole XattrBufferSize = CodeHole.NativeOf(ParameterKinds.XattrOutput, 1);

    public static readonly ResultKind Status = new("status", "int", $"{Failure}",
        new ReturnShape("status.errno", Names.Types.Errno, "Errno", $"{Names.NativeResult.FromErrno}({Call})", "Errno.None on success, otherwise the error"),
        new ReturnShape("status.int", "int", "int", $"{Names.NativeResult.Check}({Call})", "0 on success, otherwise -errno"),
        new ReturnShape("status.void", "void", "void", $"0", "success unless it throws"));

    public static readonly ResultKind Open = new("open", "int", $"{Failure}",
        new ReturnShape("open.errno", Names.Types.Errno, "Errno", $"{Names.NativeResult.FromErrno}({Call})", "Errno.None on success, otherwise the error"),
        new ReturnShape("open.int", "int", "int", $"{Names.NativeResult.Check}({Call})", "0 on success, otherwise -errno"),
        new ReturnShape("open.void", "void", "void", $"0", "success unless it throws"),
        new ReturnShape("open.handle", ManagedShape.AnyHandleType, "THandle", $"{Request}.{Names.FuseRequest.StoreHandle}({Call}, {FileInfo})", "a handle object that later operations on this file receive"));

    public static readonly ResultKind Count = new("count", "int", $"{Failure}",
        new ReturnShape("count.int", "int", "int", $"{Names.NativeResult.Check}({Call})", "number of bytes (>= 0), or -errno"));

    public static readonly ResultKind LinkTarget = new("link-target", "int", $"{Failure}",
        new ReturnShape("link-target.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", $"{Names.NativeText.CopyLinkTarget}({Call}, {LinkBuffer}, {LinkBufferSize})", "the link target (truncated to the kernel's buffer)"),
        new ReturnShape("link-target.string", "string", "string", $"{Names.NativeText.CopyLinkTarget}({Call}, {LinkBuffer}, {LinkBufferSize})", "the link target (truncated to the kernel's buffer)"),
        new ReturnShape("link-target.int", "int", "int", $"{Names.NativeText.TerminateLinkTarget}({Call}, {LinkBuffer}, {LinkBufferSize})", "bytes written to the Span<byte> buffer parameter, or -errno", requiresKind: "link-buffer"));

    public static readonly ResultKind XattrValue = new("xattr-reply", "int", $"{Failure}",
        new ReturnShape("xattr-reply.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", $"{Names.NativeXattr.Reply}({Call}, {XattrBuffer}, {XattrBufferSize})", "the value (throw FuseException(Errno.ENODATA) when absent)"),
        new ReturnShape("xattr-reply.array", "byte[]", "byte[]?", $"{Names.NativeXattr.Reply}({Call}, {XattrBuffer}, {XattrBufferSize})", "the value, or null when the attribute does not exist (ENODATA)"),
        new ReturnShape("xattr-reply.int", "int", "int", $"{Names.NativeResult.Check}({Call})", "the value's length, written into the Span<byte> buffer parameter (or only measured when it is empty), or -errno", requiresKind: "xattr-output"));

    public static readonly ResultKind XattrNames = new("xattr-names", "int", $"{Failure}",
        new ReturnShape("xattr-names.enumerable", "global::System.Collections.Generic.IEnumerable<string>", "IEnumerable<string>", $"{Names.NativeXattr.ReplyNames}({Call}, {XattrBuffer}, {XattrBufferSize})", "the attribute names"),
        new ReturnShape("xattr-names.span", "global::System.ReadOnlySpan<byte>", "ReadOnlySpan<byte>", $"{Names.NativeXattr.Reply}({Call}, {XattrBuffer}, {XattrBufferSize})", "the names as one NUL-terminated UTF-8 string after another"),
        new ReturnShape("xattr-names.int", "int", "int", $"{Names.NativeResult.Check}({Call})", "the list's length, written into the Span<byte> buffer parameter (or only measured when it is empty), or -errno", requiresKind: "xattr-output"));

    public static readonly ResultKind Init = new("init", "void*", $"null",
        new ReturnShape("init.void", "void", "void", $"null", "nothing: FuseGen keeps libfuse's private data"));

    public static readonly ResultKind Destroy = new("destroy", "void", null,
        new ReturnShape("destroy.void", "void", "void", null, "nothing"));

    public static readonly ResultKind Offset = new("new-offset", "long", $"{Failure}",
        new ReturnShape("new-offset.long", "long", "long", $"{Names.NativeResult.Check}({Call})", "the new offset (>= 0), or -errno"));

    public static readonly ResultKind ByteCount64 = new("ssize", "nint", $"{Failure}",
        new ReturnShape("ssize.long", "long", "long", $"(nint){Names.NativeResult.Check}({Call})", "number of bytes copied (>= 0), or -errno"),
        new ReturnShape("ssize.int", "int", "int", $"{Names.NativeResult.Check}({Call})", "number of bytes copied (>= 0), or -errno"));
}
