using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// Tests that replace libfuse's low-level request functions (KernelFreeInodeSession) and load libfuse. Apart from
/// <see cref="GlobalStateCollection"/>: loading libfuse while that collection's KernelFreeSession is alive would put
/// the real <c>fuse_get_context</c> back under it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InodeStateCollection
{
    public const string Name = "Inode runtime state";
}
