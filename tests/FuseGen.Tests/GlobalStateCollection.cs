using Xunit;

namespace FuseGen.Tests;

/// <summary>
/// Tests that change process-wide runtime state: the <c>fuse_get_context</c> seam (<c>LibFuse.fuse_get_context</c>)
/// and the selected <c>FileInfoBits</c> layout. They run one at a time and never alongside any other test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalStateCollection : ICollectionFixture<FuseGen.Testing.KernelFreeSession>
{
    public const string Name = "Global runtime state";
}
