using Microsoft.CodeAnalysis;
using FuseGen.Testing.Roslyn;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary><see cref="GeneratorHarness"/> bound to <see cref="FileSystemGenerator"/>.</summary>
internal static class GeneratorRunner
{
    public static Compilation Compile(params string[] sources) => TestCompilations.Create(sources);

    public static SyntaxTree Parse(string source, string path) => TestCompilations.Parse(source, path);

    public static GeneratorDriver CreateDriver() => GeneratorHarness.CreateDriver(new FileSystemGenerator());

    public static GeneratorRun Run(params string[] sources) => Run(CreateDriver(), Compile(sources));

    public static GeneratorRun Run(GeneratorDriver driver, Compilation input) => GeneratorHarness.Run(driver, input);
}
