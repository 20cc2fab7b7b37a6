using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FuseGen.Testing.Roslyn;

/// <summary>Runs one incremental generator over a compilation, as the compiler does, with its steps tracked.</summary>
public static class GeneratorHarness
{
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(
            new[] { generator.AsSourceGenerator() },
            parseOptions: TestCompilations.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(IIncrementalGenerator generator, Compilation input) => Run(CreateDriver(generator), input);

    /// <summary>Runs <paramref name="driver"/> again (cached steps and all) over <paramref name="input"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation input)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        return new GeneratorRun(driver, input, output, diagnostics);
    }
}
