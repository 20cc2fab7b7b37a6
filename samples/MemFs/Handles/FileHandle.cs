using FuseGen;
using MemFs.Nodes;

namespace MemFs.Handles;

/// <summary>An open regular file.</summary>
internal sealed class FileHandle : NodeHandle
{
    public FileHandle(FileNode file, OpenFlags flags)
    {
        File = file;
        Flags = flags;
    }

    public FileNode File { get; }

    /// <summary>The flags it was opened with (O_NOATIME leaves atime alone).</summary>
    public OpenFlags Flags { get; }

    public override Node Node => File;
}
