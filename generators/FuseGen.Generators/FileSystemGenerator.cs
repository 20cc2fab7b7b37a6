using FuseGen.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FuseGen.Generators;

/// <summary>
/// Generates the native half of every <c>[FuseFileSystem]</c> and <c>[FuseInodeFileSystem]</c> class: trampolines and
/// the <c>fuse_operations</c> or <c>fuse_lowlevel_ops</c> table.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FileSystemGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One pipeline per API, each keyed by its marker; the parser and the emitter take the marker's catalog.
        foreach (var catalog in ApiCatalog.Each)
        {
            var fileSystems = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    catalog.MarkerMetadataName,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    (syntax, cancellationToken) => FileSystemParser.Parse(catalog, syntax, cancellationToken))
                .Where(static model => model is not null)
                .WithTrackingName(StepNames.FileSystems);

            context.RegisterSourceOutput(fileSystems, static (output, model) =>
                output.AddSource(model!.HintName, SourceText.From(FileSystemEmitter.Emit(model), System.Text.Encoding.UTF8)));
        }
    }
}
