using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FuseGen.Catalog;
using FuseGen.Generators.Emit;
using FuseGen.Generators.Helpers;
using FuseGen.Generators.Model;
using FuseGen.Rules;
using FuseGen.Signatures;
using Microsoft.CodeAnalysis;

namespace FuseGen.Generators;

/// <summary>
/// Turns a filesystem type into a <see cref="FileSystemModel"/> over the catalog its marker selects, deciding everything
/// the emitter writes.
/// </summary>
/// <remarks>
/// Invalid input is skipped, never reported: the analyzers own diagnostics. Whatever is returned must produce code
/// that compiles, so anything the emitter could not express is left out here.
/// </remarks>
internal static class FileSystemParser
{
    public static FileSystemModel? Parse(ApiCatalog catalog, GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || FileSystemRules.CheckType(type) is not null)
        {
            return null;
        }

        var bound = new List<(OperationDescriptor Descriptor, IMethodSymbol Method, SignatureMatch Match)>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            var attached = method.GetAttributes()
                .Select(a => a.AttributeClass is null ? null : catalog.FindByAttribute(a.AttributeClass.ToDisplayString()))
                .Where(o => o is not null)
                .ToList();
            if (attached.Count != 1 || FileSystemRules.CheckMethod(method, catalog) is not null)
            {
                continue;
            }

            var operation = attached[0]!;
            var match = SignatureMatcher.Match(method, operation);
            if (match.Success && bound.All(b => b.Descriptor != operation))
            {
                bound.Add((operation, method, match));
            }
        }

        bound.Sort((a, b) => a.Descriptor.Index.CompareTo(b.Descriptor.Index));

        // Handles a filesystem creates must be freed by the release of their family, bound or synthesized.
        var createsFileHandles = bound.Any(b => b.Match.ReturnShape!.TypeName == ManagedShape.AnyHandleType && b.Descriptor.HandleRole == HandleRole.CreatesFile);
        var createsDirectoryHandles = bound.Any(b => b.Match.ReturnShape!.TypeName == ManagedShape.AnyHandleType && b.Descriptor.HandleRole == HandleRole.CreatesDirectory);
        bool FreesHandles(OperationDescriptor descriptor) =>
            (descriptor.HandleRole == HandleRole.ReleasesFile && createsFileHandles) ||
            (descriptor.HandleRole == HandleRole.ReleasesDirectory && createsDirectoryHandles);

        var operations = bound.Select(b => Operation(b.Descriptor, b.Method, b.Match, FreesHandles(b.Descriptor))).ToList();
        var synthesized = catalog.All
            .Where(d => FreesHandles(d) && bound.All(b => b.Descriptor != d))
            .Select(d => new SynthesizedReleaseModel(d.Name, EntryPoints.Name(d), new HandleReleaseModel(HandleNative(d), Dispose: true), d.Result.AnswersRequest, PathNative(d)))
            .ToList();
        var table = operations.Select(o => catalog.Find(o.Operation)!)
            .Concat(synthesized.Select(s => catalog.Find(s.Operation)!))
            .OrderBy(d => d.Index)
            .Select(d => new TableEntryModel(d.NativeName, EntryPoints.Name(d)));

        var containing = new List<ContainingTypeModel>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingTypeModel(Keyword(outer), outer.Name));
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var fullName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        // Keyword names are written @class in code; a hint name cannot contain '@'.
        var hintName = fullName.Replace("global::", "").Replace("@", "").Replace('<', '_').Replace('>', '_') +
            (catalog == ApiCatalog.Path ? ".FuseGen.g.cs" : ".FuseGen." + catalog.Id + ".g.cs");
        return new FileSystemModel(
            ns,
            new EquatableArray<ContainingTypeModel>(containing),
            type.Name,
            Keyword(type),
            fullName,
            hintName,
            new EquatableArray<OperationModel>(operations),
            new EquatableArray<SynthesizedReleaseModel>(synthesized),
            new EquatableArray<TableEntryModel>(table),
            createsFileHandles,
            createsDirectoryHandles,
            catalog.Id);
    }

    /// <summary>The model of one bound method: its arguments, and what its entry point declares and cleans up.</summary>
    private static OperationModel Operation(OperationDescriptor descriptor, IMethodSymbol method, SignatureMatch match, bool freesHandles)
    {
        var arguments = match.Bindings.Select((b, i) => new ArgumentModel(
            b.Shape.Id,
            b.SlotIndex,
            b.Shape.TypeName == ManagedShape.AnyHandleType ? SignatureMatcher.TypeName(method.Parameters[i].Type) : null)).ToList();

        // A method that takes the handle owns it (it may keep or dispose it); one that never sees it cannot.
        var release = freesHandles
            ? new HandleReleaseModel(HandleNative(descriptor), Dispose: !match.Bindings.Any(b => b.SlotIndex >= 0 && descriptor.Slots[b.SlotIndex].Kind == ParameterKinds.Handle))
            : null;
        var cleanupSlots = Enumerable.Range(0, descriptor.Slots.Count)
            .Where(s => descriptor.Slots[s].Kind.CleanupWhenAbsent is not null && match.Bindings.All(b => b.SlotIndex != s))
            .ToList();

        var templates = match.Bindings.SelectMany(b => new[] { b.Shape.Prologue, b.Shape.Setup, b.Shape.Argument, b.Shape.OnSuccess })
            .Append(match.ReturnShape!.Result)
            .Append(match.ReturnShape.Reply)
            .Append(descriptor.Result.FailureResult)
            .Append(descriptor.Result.Always);
        var async = match.Awaitable is null ? null : new AsyncCallModel(
            match.Awaitable,
            match.ReturnShape.TypeName == "void" ? null :
                match.ReturnShape.TypeName == ManagedShape.AnyHandleType ? SignatureMatcher.TypeName(((INamedTypeSymbol)method.ReturnType).TypeArguments[0]) :
                match.ReturnShape.TypeName,
            match.Bindings.ToList().FindIndex(b => b.Shape.PendingBuffer is not null),
            match.Bindings.Any(b => b.Shape == AmbientParameters.Cancellation),
            match.Bindings.Select(b => b.Shape.Argument).Append(match.ReturnShape.DeferredReply).Any(t => t?.Uses(CodeHoleKind.PendingFileInfo) == true)
                ? HandleNative(descriptor)
                : null);

        // An instance method is called on the filesystem the request belongs to; an async call begins with the request.
        var argumentsUseRequest = !method.IsStatic || async is not null || templates.Any(t => t?.UsesRequest == true);
        var cleanupUsesRequest = release is not null || cleanupSlots.Any(s => descriptor.Slots[s].Kind.CleanupWhenAbsent!.UsesRequest);

        return new OperationModel(
            descriptor.Name,
            EntryPoints.Name(descriptor),
            method.Name,
            method.IsStatic,
            match.ReturnShape.Id,
            new EquatableArray<ArgumentModel>(arguments),
            DeclaresRequest: argumentsUseRequest || cleanupUsesRequest,
            FailsThroughRequest: argumentsUseRequest,
            release,
            new EquatableArray<int>(cleanupSlots),
            // A deferred (async) reply is sent after the entry point returns, so the entry point cannot measure it.
            Measured: descriptor.Result.AnswersRequest || (RepliesThroughRequest(descriptor) && async is null),
            FaultPath: PathNative(descriptor),
            Async: async);
    }

    /// <summary>
    /// Whether the operation answers a kernel request through its <c>fuse_req_t</c> (every inode operation but init
    /// and destroy): measured from the entry to the end of its reply.
    /// </summary>
    private static bool RepliesThroughRequest(OperationDescriptor descriptor) =>
        descriptor.Result.ReturnsVoid &&
        descriptor.NativeParameters.Count > 0 &&
        descriptor.NativeParameters[0].Name == InodeOperationCatalog.RequestParameter &&
        descriptor.NativeParameters[0].CType == "fuse_req_t";

    /// <summary>The native parameter of the path a request names (its path slot), for fault reports; null when it names none.</summary>
    private static string? PathNative(OperationDescriptor descriptor) =>
        descriptor.Slots.FirstOrDefault(s => s.Kind == ParameterKinds.Path)?.NativeNames[0];

    /// <summary>The native parameter that carries a release's handle: the one of its file-info slot.</summary>
    private static string HandleNative(OperationDescriptor descriptor) =>
        descriptor.Slots.First(s => s.Kind == ParameterKinds.FileInfo).NativeNames[0];

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
