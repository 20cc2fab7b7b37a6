using FuseGen.Testing;
using Xunit;

namespace Filesystems.Tests;

public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute() => Skip = FuseAvailability.SkipReason();
}
