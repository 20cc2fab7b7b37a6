using System;
using Xunit;

namespace FuseGen.Testing;

/// <summary>
/// A fact that mounts. Skipped, with the reason shown, when this machine cannot mount FUSE (or, with
/// <see cref="AsRoot"/>, is not root); but with <c>FUSEGEN_REQUIRE_MOUNT=1</c> it never skips, and the test fails
/// with that reason (see <see cref="MountTest"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MountFactAttribute : FactAttribute
{
    private string? skip;

    /// <summary>The test also needs root: it mounts with <c>allow_other</c> or acts as other users.</summary>
    public bool AsRoot { get; set; }

    public override string? Skip
    {
        get => skip ?? FuseAvailability.SkipReason(AsRoot);
        set => skip = value;
    }
}
