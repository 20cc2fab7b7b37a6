namespace FuseGen.Analyzers;

/// <summary>Keys of the properties diagnostics carry for code fixes.</summary>
public static class DiagnosticProperties
{
    /// <summary>The operation (catalog name, e.g. <c>Getattr</c>) a signature diagnostic is about.</summary>
    public const string Operation = "Operation";

    /// <summary>The kind of signature problem (<c>ReturnType</c>, <c>ParameterType</c>, ...).</summary>
    public const string Problem = "Problem";

    /// <summary>The API whose catalog names the operation (<c>path</c>, <c>inode</c>); absent means the path API.</summary>
    public const string Api = "Api";

    /// <summary>A handle type, fully qualified: the one the creating operation returns (FUSE008, FUSE010).</summary>
    public const string HandleType = "HandleType";
}
