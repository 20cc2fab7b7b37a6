using FuseGen.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FuseGen.Generators;

/// <summary>
/// Generates the native half of every <c>[FuseFileSystem]</c> class: trampolines and the <c>fuse_operations</c> table.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FileSystemGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var fileSystems = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                RuntimeNames.FuseFileSystemAttribute.MetadataName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                FileSystemParser.Parse)
            .Where(static model => model is not null)
            .WithTrackingName(StepNames.FileSystems);

        context.RegisterSourceOutput(fileSystems, static (output, model) =>
            output.AddSource(model!.HintName, SourceText.From(FileSystemEmitter.Emit(model), System.Text.Encoding.UTF8)));
    }
}
