namespace FuseGen.Generators;

/// <summary>Tracking names of the pipeline steps, so tests can assert that a rerun was cached.</summary>
internal static class StepNames
{
    public const string FileSystems = nameof(FileSystems);
}
