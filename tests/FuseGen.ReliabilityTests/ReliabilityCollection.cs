using Xunit;

namespace FuseGen.ReliabilityTests;

/// <summary>
/// Every test class of this project: one test at a time, so that timings, thread and descriptor counts are the
/// test's own and a two-core machine is not flooded with FUSE daemons.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "Reliability";
}
