using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace FuseGen.Testing.Roslyn;

/// <summary>One run of one generator: the driver (to run again), the compilations before and after, and what it reported.</summary>
public sealed class GeneratorRun
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

    /// <summary>The input with the generated files added.</summary>
    public Compilation Output { get; }

    /// <summary>Diagnostics the generator reported (not the compiler's).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public GeneratorRunResult Result { get; }

    /// <summary>What the generator threw, if it did (the driver catches it and reports CS8785).</summary>
    public Exception? Exception => Result.Exception;

    public IEnumerable<GeneratedSourceResult> Sources => Result.GeneratedSources;

    public IEnumerable<SyntaxTree> GeneratedTrees => Result.GeneratedSources.Select(source => source.SyntaxTree);

    /// <summary>The only generated file, for inputs that declare one filesystem.</summary>
    public GeneratedSourceResult SingleSource => Result.GeneratedSources.Single();

    /// <summary>Outputs of a tracked step, by its tracking name.</summary>
    public IEnumerable<(object Value, IncrementalStepRunReason Reason)> StepOutputs(string stepName) =>
        Result.TrackedSteps[stepName].SelectMany(step => step.Outputs);

    /// <summary>Outputs of the source-output step (<see cref="WellKnownGeneratorOutputs.SourceOutput"/>).</summary>
    public IEnumerable<(object Value, IncrementalStepRunReason Reason)> SourceOutputs =>
        Result.TrackedOutputSteps[WellKnownGeneratorOutputs.SourceOutput].SelectMany(step => step.Outputs);

    /// <summary>Compiler errors of the input compilation, without generated code.</summary>
    public IEnumerable<Diagnostic> InputErrors => TestCompilations.Errors(Input.GetDiagnostics());

    /// <summary>Compiler errors of the output compilation.</summary>
    public IEnumerable<Diagnostic> OutputErrors => TestCompilations.Errors(Output.GetDiagnostics());

    /// <summary>Compiler warnings and errors of the output compilation.</summary>
    public IEnumerable<Diagnostic> OutputProblems => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
