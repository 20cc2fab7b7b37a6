using Xunit;

namespace FuseGen.Testing;

/// <summary>A test that mounts: skipped with the reason where FUSE is unavailable, unless mounting is required.</summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (FuseAvailability.Reason is { } reason && !FuseAvailability.Required)
        {
            Skip = "FUSE unavailable: " + reason;
        }
    }
}

/// <summary>A data-driven test that mounts; see <see cref="MountFactAttribute"/>.</summary>
public sealed class MountTheoryAttribute : TheoryAttribute
{
    public MountTheoryAttribute()
    {
        if (FuseAvailability.Reason is { } reason && !FuseAvailability.Required)
        {
            Skip = "FUSE unavailable: " + reason;
        }
    }
}
