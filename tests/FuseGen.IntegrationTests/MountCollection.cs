using Xunit;

namespace FuseGen.IntegrationTests;

/// <summary>
/// Every mounting test class belongs here: the tests run one at a time, never alongside other collections, so a
/// two-core machine is not flooded with dotnet processes and FUSE daemons (and exit timings stay meaningful).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MountCollection
{
    public const string Name = "Mounts";
}
