using Xunit;

namespace FuseGen.Packaging.Tests;

/// <summary>Tests that share one packed feed; they run one after another (each builds or publishes).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "package";
}
