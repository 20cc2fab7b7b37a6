using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using FuseGen.PosixTests.Targets;
using FuseGen.Testing;
using Xunit.Sdk;

namespace FuseGen.PosixTests.Infrastructure;

/// <summary>Theory data: runs the test on the control target (a plain temporary directory).</summary>
public sealed class ControlAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => new[] { new object[] { TargetCatalog.Control } };
}

/// <summary>
/// Theory data: runs the test on every mounted sample. Skipped, with the reason, where FUSE is unavailable, unless
/// FUSEGEN_REQUIRE_MOUNT=1.
/// </summary>
public sealed class MountedAttribute : DataAttribute
{
    public override string? Skip
    {
        get => FuseAvailability.SkipReason(asRoot: true);
        set { }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => TargetCatalog.Mounted.Keys.Select(name => new object[] { name });
}
