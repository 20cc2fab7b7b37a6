using System;
using Xunit;

namespace FuseGen.Tests.Native;

/// <summary>
/// A fact that needs gcc or system headers: skipped, with the reason shown, when they are missing, unless
/// <c>FUSEGEN_REQUIRE_MOUNT=1</c> (then it runs and fails).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute(NativeNeeds needs)
    {
        if (NativeToolchain.MissingReason(needs) is { } reason && !NativeToolchain.Required)
        {
            Skip = $"Skipped: {reason}. Set FUSEGEN_REQUIRE_MOUNT=1 to make this a failure.";
        }
    }
}
