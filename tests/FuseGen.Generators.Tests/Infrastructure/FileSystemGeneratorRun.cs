using System;
using System.Collections.Generic;
using System.Linq;
using FuseGen.Generators.Model;
using FuseGen.Testing.Roslyn;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary>What a <see cref="GeneratorRun"/> of <see cref="FileSystemGenerator"/> holds, in the generator's terms.</summary>
internal static class FileSystemGeneratorRun
{
    extension(GeneratorRun run)
    {
        /// <summary>The models the pipeline produced, one per generated filesystem.</summary>
        public IEnumerable<FileSystemModel> Models => run.StepOutputs(StepNames.FileSystems).Select(output => (FileSystemModel)output.Value);

        /// <summary>The native members the only generated <c>FillOperations</c> sets, in order (<c>getattr</c>, <c>open</c>...).</summary>
        public IReadOnlyList<string> BoundNativeNames =>
            run.SingleSource.SourceText.ToString().Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("operations->", StringComparison.Ordinal))
                .Select(line => line["operations->".Length..line.IndexOf(' ', StringComparison.Ordinal)].TrimStart('@'))
                .ToList();
    }
}
