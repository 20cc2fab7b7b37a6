using System;
using Xunit;

namespace FuseGen.Tests.Native;

/// <summary>
/// A fact that needs gcc or system headers: skipped, with the reason shown, when they are missing, unless
/// <c>FUSEGEN_REQUIRE_MOUNT=1</c> (<c>FUSEGEN_REQUIRE_ARM64=1</c> for the arm64 toolchain; then it runs and fails).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute(NativeNeeds needs)
    {
        if (NativeToolchain.MissingReason(needs) is { } reason && !NativeToolchain.IsRequired(needs))
        {
            Skip = $"Skipped: {reason}. Set {NativeToolchain.RequiringVariable(needs)}=1 to make this a failure.";
        }
    }
}
