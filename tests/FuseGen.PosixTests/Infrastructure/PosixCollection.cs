using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Infrastructure;

/// <summary>
/// All suites share one set of targets (one mount per sample) and run one test at a time: the mounts are shared,
/// and the box is small.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PosixCollection : ICollectionFixture<TargetPool>
{
    public const string Name = "posix";
}
