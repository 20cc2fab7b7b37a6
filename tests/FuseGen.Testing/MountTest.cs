using Xunit.Abstractions;

namespace FuseGen.Testing;

/// <summary>
/// Base of every mounting test class (each also carries <c>[Collection(MountCollection.Name)]</c>; xunit does not
/// inherit it). When a test was not skipped although FUSE is unavailable (<c>FUSEGEN_REQUIRE_MOUNT=1</c>), fails it
/// with the reason before it starts.
/// </summary>
public abstract class MountTest
{
    protected MountTest(ITestOutputHelper output)
    {
        Output = output;
        FuseAvailability.ThrowIfUnavailable();
    }

    protected ITestOutputHelper Output { get; }
}
