using System.Collections.Generic;

using Names = FuseGen.Catalog.RuntimeNames;

namespace FuseGen.Catalog;

/// <summary>Parameters any operation may declare, anywhere in its parameter list.</summary>
internal static class AmbientParameters
{
    /// <summary>The caller's uid, gid, pid and umask (<c>FuseContext</c>), read once per request.</summary>
    public static readonly ManagedShape Context =
        new("context", Names.Types.FuseContext, "FuseContext", ManagedRefKind.None, $"{CodeHole.Request}.{Names.FuseRequest.Context}");

    /// <summary>
    /// Cancelled when the kernel interrupts the request (<c>FUSE_INTERRUPT</c>) or the mount shuts down: async methods
    /// only, since a synchronous one holds a libfuse worker until it returns.
    /// </summary>
    public static readonly ManagedShape Cancellation =
        new("cancellation", AsyncTypes.CancellationToken, "CancellationToken", ManagedRefKind.None, $"{CodeHole.Pending}.{Names.AsyncInodeRequest.Token}", form: MethodForm.Asynchronous);

    public static readonly IReadOnlyList<ManagedShape> All = new[] { Context, Cancellation };
}
