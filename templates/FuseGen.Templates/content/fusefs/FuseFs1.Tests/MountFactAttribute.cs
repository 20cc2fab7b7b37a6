using FuseGen.Testing;
using Xunit;

namespace FuseFs1.Tests;

/// <summary>
/// A test that mounts: skipped, with the reason, where FUSE cannot be mounted (no /dev/fuse, no permission), unless
/// FUSEGEN_REQUIRE_MOUNT=1 asks for a failure instead. xunit 2 cannot skip a test that has started, hence an attribute.
/// </summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute() => Skip = FuseAvailability.SkipReason();
}
