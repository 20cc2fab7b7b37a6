using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FuseGen.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary>One run of the generator: the driver (to run again), the compilations before and after, and what it reported.</summary>
internal sealed class GeneratorRun
{
    public GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, ImmutableArray<Diagnostic> diagnostics)
    {
        Driver = driver;
        Input = input;
        Output = output;
        Diagnostics = diagnostics;
        Result = driver.GetRunResult().Results.Single();
    }

    public GeneratorDriver Driver { get; }

    public Compilation Input { get; }

    public Compilation Output { get; }

    /// <summary>Diagnostics the generator reported (not the compiler's).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public GeneratorRunResult Result { get; }

    public IEnumerable<GeneratedSourceResult> Sources => Result.GeneratedSources;

    /// <summary>The only generated file, for inputs that declare one filesystem.</summary>
    public GeneratedSourceResult SingleSource => Result.GeneratedSources.Single();

    /// <summary>Outputs of a tracked step (its tracking name: <see cref="StepNames"/>).</summary>
    public IEnumerable<(object Value, IncrementalStepRunReason Reason)> StepOutputs(string stepName) =>
        Result.TrackedSteps[stepName].SelectMany(step => step.Outputs);

    /// <summary>The models the pipeline produced, one per generated filesystem.</summary>
    public IEnumerable<FileSystemModel> Models => StepOutputs(StepNames.FileSystems).Select(output => (FileSystemModel)output.Value);

    /// <summary>The native members the only generated <c>FillOperations</c> sets, in order (<c>getattr</c>, <c>open</c>...).</summary>
    public IReadOnlyList<string> BoundNativeNames =>
        SingleSource.SourceText.ToString().Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("operations->", StringComparison.Ordinal))
            .Select(line => line["operations->".Length..line.IndexOf(' ', StringComparison.Ordinal)].TrimStart('@'))
            .ToList();

    /// <summary>Outputs of the source-output step (<see cref="WellKnownGeneratorOutputs.SourceOutput"/>).</summary>
    public IEnumerable<(object Value, IncrementalStepRunReason Reason)> SourceOutputs =>
        Result.TrackedOutputSteps[WellKnownGeneratorOutputs.SourceOutput].SelectMany(step => step.Outputs);

    /// <summary>Compiler errors of the input compilation, without generated code.</summary>
    public IEnumerable<Diagnostic> InputErrors => Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Compiler errors of the output compilation.</summary>
    public IEnumerable<Diagnostic> OutputErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Compiler warnings and errors of the output compilation.</summary>
    public IEnumerable<Diagnostic> OutputProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
