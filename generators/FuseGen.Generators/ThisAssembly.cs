namespace FuseGen.Generators;

/// <summary>Version stamped into <c>[GeneratedCode]</c>; kept in one constant so snapshots can mask it.</summary>
internal static class ThisAssembly
{
    public const string Version = "0.1.0";
}
