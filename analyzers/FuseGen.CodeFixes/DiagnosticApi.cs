using FuseGen.Analyzers;
using FuseGen.Catalog;
using Microsoft.CodeAnalysis;

namespace FuseGen.CodeFixes;

/// <summary>The API a diagnostic is about, read from its <see cref="DiagnosticProperties.Api"/> property.</summary>
internal static class DiagnosticApi
{
    /// <summary>The catalog of the API the diagnostic's filesystem is on (the path API's when it does not say).</summary>
    public static ApiCatalog Catalog(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(DiagnosticProperties.Api, out var api) && api is not null ? ApiCatalog.For(api) : ApiCatalog.Path;
}
