using System;
using Xunit;

namespace FuseGen.Testing;

/// <summary>The <see cref="TheoryAttribute"/> form of <see cref="MountFactAttribute"/>: skipped, or failed under <c>FUSEGEN_REQUIRE_MOUNT=1</c>, alike.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MountTheoryAttribute : TheoryAttribute
{
    private string? skip;

    /// <summary>The test also needs root.</summary>
    public bool AsRoot { get; set; }

    public override string? Skip
    {
        get => skip ?? FuseAvailability.SkipReason(AsRoot);
        set => skip = value;
    }
}
