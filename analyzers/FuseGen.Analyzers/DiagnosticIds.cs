namespace FuseGen.Analyzers;

/// <summary>Stable diagnostic ids; never reuse or renumber one.</summary>
public static class DiagnosticIds
{
    /// <summary>A method's signature fits none of the shapes its operation accepts.</summary>
    public const string SignatureMismatch = "FUSE001";

    /// <summary>A [FuseFileSystem] type the generator cannot extend.</summary>
    public const string InvalidFileSystemType = "FUSE002";

    /// <summary>An operation attribute in a type without [FuseFileSystem].</summary>
    public const string OperationOutsideFileSystem = "FUSE003";

    /// <summary>Two methods implement the same operation.</summary>
    public const string DuplicateOperation = "FUSE004";

    /// <summary>One method carries several operation attributes.</summary>
    public const string SeveralOperations = "FUSE005";

    /// <summary>A generic, async, abstract, extern or params method, an accessor or operator, a local function or lambda.</summary>
    public const string UncallableMethod = "FUSE006";

    /// <summary>An operation whose managed shapes are not available yet.</summary>
    public const string UnsupportedOperation = "FUSE007";
}
