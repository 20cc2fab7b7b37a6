namespace FuseGen.Catalog;

/// <summary>
/// Which open object an operation's typed handle belongs to. Files ([Open], [Create]) and directories ([Opendir])
/// keep separate handles: the kernel never passes a directory's handle to a file operation or the reverse.
/// </summary>
internal enum HandleFamily
{
    /// <summary>The operation neither makes, takes nor frees handles.</summary>
    None,

    File,

    Directory,
}
