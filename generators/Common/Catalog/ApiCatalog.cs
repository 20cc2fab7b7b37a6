using System;
using System.Collections.Generic;
using System.Linq;

namespace FuseGen.Catalog;

/// <summary>
/// One libfuse API FuseGen binds: its marker attribute, its operation table and the interface the generator
/// implements. The path API (<c>struct fuse_operations</c>) and the inode API (<c>struct fuse_lowlevel_ops</c>) are two
/// instances over the same descriptors, shapes and templates; the parser, emitter and analyzers take the catalog the
/// marker selects instead of knowing either.
/// </summary>
internal sealed class ApiCatalog
{
    private readonly Func<OperationDescriptor, string> requestSource;

    private ApiCatalog(
        string id,
        string markerMetadataName,
        string markerUsage,
        string interfaceType,
        string fillOperations,
        string tableType,
        IReadOnlyList<OperationDescriptor> all,
        Func<OperationDescriptor, string> requestSource,
        bool defersReplies)
    {
        DefersReplies = defersReplies;
        Id = id;
        MarkerMetadataName = markerMetadataName;
        MarkerUsage = markerUsage;
        InterfaceType = interfaceType;
        FillOperations = fillOperations;
        TableType = tableType;
        All = all;
        this.requestSource = requestSource;
    }

    /// <summary>The path API: <c>[FuseFileSystem]</c>, <c>struct fuse_operations</c>, replies by return value.</summary>
    public static readonly ApiCatalog Path = new(
        "path",
        RuntimeNames.FuseFileSystemAttribute.MetadataName,
        RuntimeNames.FuseFileSystemAttribute.Usage,
        RuntimeNames.IFuseFileSystem.Type,
        RuntimeNames.IFuseFileSystem.FillOperations,
        RuntimeNames.FuseOperations.Type,
        OperationCatalog.All,
        static _ => RuntimeNames.FuseRequest.Current,
        defersReplies: false);

    /// <summary>The inode API: <c>[FuseInodeFileSystem]</c>, <c>struct fuse_lowlevel_ops</c>, replies through the request.</summary>
    public static readonly ApiCatalog Inode = new(
        "inode",
        RuntimeNames.FuseInodeFileSystemAttribute.MetadataName,
        RuntimeNames.FuseInodeFileSystemAttribute.Usage,
        RuntimeNames.IFuseInodeFileSystem.Type,
        RuntimeNames.IFuseInodeFileSystem.FillOperations,
        RuntimeNames.FuseLowLevelOperations.Type,
        InodeOperationCatalog.All,
        static operation => operation.NativeParameters[0].Name != InodeOperationCatalog.RequestParameter
            ? RuntimeNames.InodeRequest.FromUserData + "(" + operation.NativeParameters[0].Name + ")"
            : operation.NativeParameters.Any(static p => p.Name == InodeOperationCatalog.InodeParameter)
                ? RuntimeNames.InodeRequest.From + "(" + InodeOperationCatalog.RequestParameter + ", " + InodeOperationCatalog.InodeParameter + ")"
                : RuntimeNames.InodeRequest.From + "(" + InodeOperationCatalog.RequestParameter + ")",
        defersReplies: true);

    /// <summary>Both APIs, path first.</summary>
    public static readonly IReadOnlyList<ApiCatalog> Each = new[] { Path, Inode };

    /// <summary>Stable identifier carried through the generator model (<c>path</c>, <c>inode</c>).</summary>
    public string Id { get; }

    /// <summary>
    /// Whether a request may be answered after its entry point returned (libfuse's low-level API), so operation
    /// methods may be async and return a task.
    /// </summary>
    public bool DefersReplies { get; }

    /// <summary>The marker attribute's metadata name, e.g. <c>FuseGen.FuseFileSystemAttribute</c>.</summary>
    public string MarkerMetadataName { get; }

    /// <summary>The marker as code writes it, e.g. <c>global::FuseGen.FuseFileSystem</c>.</summary>
    public string MarkerUsage { get; }

    /// <summary>The interface the generated half implements.</summary>
    public string InterfaceType { get; }

    /// <summary>The interface's <c>FillOperations</c>, qualified for an explicit implementation.</summary>
    public string FillOperations { get; }

    /// <summary>The native operation table <c>FillOperations</c> fills.</summary>
    public string TableType { get; }

    /// <summary>Every operation in native table order.</summary>
    public IReadOnlyList<OperationDescriptor> All { get; }

    public static ApiCatalog For(string id) => Each.First(c => c.Id == id);

    /// <summary>The expression an entry point reads its request from (the path API's thread-local, the inode API's <c>req</c>).</summary>
    public string RequestSource(OperationDescriptor operation) => requestSource(operation);

    /// <summary>Finds an operation by its PascalCase name.</summary>
    public OperationDescriptor? Find(string name) => All.FirstOrDefault(o => o.Name == name);

    /// <summary>Finds an operation by the metadata name of its attribute.</summary>
    public OperationDescriptor? FindByAttribute(string metadataName) => All.FirstOrDefault(o => o.AttributeMetadataName == metadataName);

    /// <summary>Finds a parameter shape by id.</summary>
    public static ManagedShape? FindShape(OperationDescriptor operation, string shapeId) =>
        operation.Slots.SelectMany(s => s.Kind.Shapes).FirstOrDefault(s => s.Id == shapeId);

    /// <summary>Finds a return shape by id.</summary>
    public static ReturnShape? FindReturnShape(OperationDescriptor operation, string shapeId) =>
        operation.Result.Shapes.FirstOrDefault(s => s.Id == shapeId);
}
