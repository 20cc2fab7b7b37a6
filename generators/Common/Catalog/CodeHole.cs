namespace FuseGen.Catalog;

/// <summary>What a <see cref="CodeHole"/> stands for; <see cref="CodeTemplate"/> parts are text or holes.</summary>
internal enum CodeHoleKind
{
    /// <summary>A native parameter of the shape's own slot, by position in <see cref="OperationSlot.NativeNames"/>.</summary>
    SlotNative,

    /// <summary>A native parameter of the operation's slot of a given kind (return shapes reach <c>fi</c>, <c>buf</c>).</summary>
    KindNative,

    /// <summary>The local a <see cref="ManagedShape.Setup"/> declares for the argument (one per slot).</summary>
    Local,

    /// <summary>The handle type the user declared (handle shapes only).</summary>
    HandleType,

    /// <summary>The call of the user's method (return shapes only).</summary>
    Call,

    /// <summary>The request the entry point reads once (<c>FuseRequest.Current</c>): using it declares the local.</summary>
    Request,

    /// <summary>The expression that reports the exception and gives its <c>-errno</c> (failure values only).</summary>
    Failure,

    /// <summary>The local holding the value the user's method returned (reply stages only).</summary>
    Result,

    /// <summary>The caught exception (failure stages only).</summary>
    Exception,

    /// <summary>The operation's native name as a string literal, e.g. <c>"readdir"</c>, for fault reports.</summary>
    OperationName,

    /// <summary>The local a <see cref="ManagedShape.Setup"/> declared for the operation's slot of a given kind.</summary>
    KindLocal,

    /// <summary>
    /// The <c>AsyncInodeRequest</c> serving a request whose method returns a task: its pooled buffer, listing and
    /// token (async arguments), and what a deferred reply answers through.
    /// </summary>
    Pending,

    /// <summary>
    /// The copy of the request's <c>fuse_file_info</c> an <c>AsyncInodeRequest</c> keeps until its reply (libfuse's
    /// lives on the worker's stack): what an async open's flags are set on and its deferred reply sends.
    /// </summary>
    PendingFileInfo,
}

/// <summary>
/// A typed placeholder in a <see cref="CodeTemplate"/>, filled by the generator's expander. Catalog rows write
/// templates as C# interpolated strings with these as the holes, so the catalog has no placeholder syntax of its own.
/// </summary>
internal sealed class CodeHole
{
    private CodeHole(CodeHoleKind kind, int index = 0, ParameterKind? slotKind = null)
    {
        Kind = kind;
        Index = index;
        SlotKind = slotKind;
    }

    public static readonly CodeHole Local = new(CodeHoleKind.Local);

    public static readonly CodeHole HandleType = new(CodeHoleKind.HandleType);

    public static readonly CodeHole Call = new(CodeHoleKind.Call);

    public static readonly CodeHole Request = new(CodeHoleKind.Request);

    public static readonly CodeHole Failure = new(CodeHoleKind.Failure);

    public static readonly CodeHole Result = new(CodeHoleKind.Result);

    public static readonly CodeHole Exception = new(CodeHoleKind.Exception);

    public static readonly CodeHole OperationName = new(CodeHoleKind.OperationName);

    public static readonly CodeHole Pending = new(CodeHoleKind.Pending);

    public static readonly CodeHole PendingFileInfo = new(CodeHoleKind.PendingFileInfo);

    public CodeHoleKind Kind { get; }

    /// <summary>Position among the slot's native parameters (<see cref="CodeHoleKind.SlotNative"/>, <see cref="CodeHoleKind.KindNative"/>).</summary>
    public int Index { get; }

    /// <summary>The kind whose slot holds the native parameter (<see cref="CodeHoleKind.KindNative"/>).</summary>
    public ParameterKind? SlotKind { get; }

    /// <summary>The <paramref name="index"/>th native parameter of the shape's own slot.</summary>
    public static CodeHole Native(int index) => new(CodeHoleKind.SlotNative, index);

    /// <summary>The <paramref name="index"/>th native parameter of the operation's slot of <paramref name="kind"/>.</summary>
    public static CodeHole NativeOf(ParameterKind kind, int index) => new(CodeHoleKind.KindNative, index, kind);

    /// <summary>The local declared for the operation's slot of <paramref name="kind"/> (a reply sends what the method wrote there).</summary>
    public static CodeHole LocalOf(ParameterKind kind) => new(CodeHoleKind.KindLocal, 0, kind);

    public override string ToString() => Kind switch
    {
        CodeHoleKind.SlotNative => "native[" + Index + "]",
        CodeHoleKind.KindNative => SlotKind!.Id + ".native[" + Index + "]",
        CodeHoleKind.KindLocal => SlotKind!.Id + ".local",
        _ => Kind.ToString(),
    };
}
