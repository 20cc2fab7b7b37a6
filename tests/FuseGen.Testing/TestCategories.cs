namespace FuseGen.Testing;

/// <summary>
/// Trait values for <c>[Trait(TestCategories.Category, ...)]</c>. <c>scripts/test.sh --quick</c> runs the generator,
/// analyzer and kernel-free runtime projects with <c>--filter "Category!=Slow"</c>.
/// </summary>
public static class TestCategories
{
    public const string Category = "Category";

    /// <summary>Tests that take most of a minute or more (a nested dotnet build, a fuzz run): left out of --quick.</summary>
    public const string Slow = "Slow";
}
