using System;
using Xunit;

namespace FuseGen.Testing;

/// <summary>
/// A fact that mounts. Skipped, with the reason shown, when this machine cannot mount FUSE; but with
/// <c>FUSEGEN_REQUIRE_MOUNT=1</c> it never skips, and the test fails with that reason (see <see cref="MountTest"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (FuseAvailability.Reason is { } reason && !FuseAvailability.Required)
        {
            Skip = $"FUSE is unavailable: {reason} (set {FuseAvailability.RequireVariable}=1 to fail instead)";
        }
    }
}
