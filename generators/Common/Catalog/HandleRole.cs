namespace FuseGen.Catalog;

/// <summary>What an operation does with typed handles. Files and directories are separate families.</summary>
internal enum HandleRole
{
    None,

    /// <summary>May return a handle for a file (open, create).</summary>
    CreatesFile,

    /// <summary>May return a handle for a directory (opendir).</summary>
    CreatesDirectory,

    /// <summary>Ends a file handle (release): FuseGen frees it after the method.</summary>
    ReleasesFile,

    /// <summary>Ends a directory handle (releasedir).</summary>
    ReleasesDirectory,
}
