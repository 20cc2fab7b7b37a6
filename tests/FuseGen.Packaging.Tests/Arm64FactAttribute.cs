using System;
using Xunit;

namespace FuseGen.Packaging.Tests;

/// <summary>
/// A fact that cross-builds for arm64 and runs under qemu-user: minutes of work, so it runs only when
/// <c>FUSEGEN_TEST_ARM64=1</c> asks for it (it is not part of the default suite).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class Arm64FactAttribute : FactAttribute
{
    public Arm64FactAttribute()
    {
        if (Environment.GetEnvironmentVariable("FUSEGEN_TEST_ARM64") != "1")
        {
            Skip = "Skipped: cross-builds for arm64 and runs under qemu-user for 2 to 7 minutes. Set FUSEGEN_TEST_ARM64=1 to run it.";
        }
    }
}
