using MemFs.Nodes;

namespace MemFs.Handles;

/// <summary>An open directory: listings resume from the offset (an entry cookie) the kernel passes back.</summary>
internal sealed class DirectoryHandle : NodeHandle
{
    public DirectoryHandle(DirectoryNode directory) => Directory = directory;

    public DirectoryNode Directory { get; }

    public override Node Node => Directory;
}
