using MemFs.Nodes;

namespace MemFs.Handles;

/// <summary>
/// What open, create and opendir return (FuseGen keeps it and passes it to later operations on the same open file):
/// the node itself, so an open file keeps working after it was renamed or unlinked, when libfuse has no path for it.
/// </summary>
internal abstract class NodeHandle
{
    public abstract Node Node { get; }
}
