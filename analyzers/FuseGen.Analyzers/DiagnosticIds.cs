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

    /// <summary>A method takes a typed handle that the operation creating its handles never returns.</summary>
    public const string HandleTypeMismatch = "FUSE008";

    /// <summary>A method takes a typed handle but no operation creates handles of its family.</summary>
    public const string HandleWithoutCreator = "FUSE009";

    /// <summary>An operation returns a handle that nothing releases or disposes.</summary>
    public const string HandleNeverReleased = "FUSE010";

    /// <summary>A filesystem with path operations but no [Getattr], so the kernel cannot look anything up.</summary>
    public const string MissingGetattr = "FUSE011";

    /// <summary>A <c>string</c> path on an operation called for every transfer or lookup.</summary>
    public const string StringPathOnHotPath = "FUSE012";

    /// <summary>An operation attribute the filesystem's API does not have (<c>[Lookup]</c> on a path filesystem, <c>[Chmod]</c> on an inode one).</summary>
    public const string OperationNotInApi = "FUSE013";

    /// <summary>An inode filesystem without <c>[Lookup]</c>, so nothing below the mount root is reached.</summary>
    public const string MissingLookup = "FUSE014";

    /// <summary>An inode filesystem with <c>[Forget]</c> but no <c>[Lookup]</c>.</summary>
    public const string ForgetWithoutLookup = "FUSE015";

    /// <summary>A type without a filesystem marker passed to <c>Fuse.Main</c> or <c>Fuse.Mount</c>.</summary>
    public const string UnmarkedFileSystem = "FUSE016";

    /// <summary>A filesystem in a project that does not allow unsafe code, which the generated entry points are.</summary>
    public const string UnsafeCodeDisabled = "FUSE017";

    /// <summary>Inode operations of one filesystem that take their inode as different node types.</summary>
    public const string NodeTypeMismatch = "FUSE018";

    /// <summary>An operation method that blocks on a task (<c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>).</summary>
    public const string BlockingWaitInOperation = "FUSE019";
}
