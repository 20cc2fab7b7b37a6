using System;
using Xunit;

namespace FuseGen.Tests.Native;

/// <summary>The <see cref="TheoryAttribute"/> form of <see cref="NativeFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class NativeTheoryAttribute : TheoryAttribute
{
    public NativeTheoryAttribute(NativeNeeds needs)
    {
        if (NativeToolchain.MissingReason(needs) is { } reason && !NativeToolchain.IsRequired(needs))
        {
            Skip = $"Skipped: {reason}. Set {NativeToolchain.RequiringVariable(needs)}=1 to make this a failure.";
        }
    }
}
