using System.Collections.Generic;

using Names = FuseGen.Catalog.RuntimeNames;

namespace FuseGen.Catalog;

/// <summary>Parameters any operation may declare, anywhere in its parameter list.</summary>
internal static class AmbientParameters
{
    /// <summary>The caller's uid, gid, pid and umask (<c>FuseContext</c>), read once per request.</summary>
    public static readonly ManagedShape Context =
        new("context", Names.Types.FuseContext, "FuseContext", ManagedRefKind.None, $"{CodeHole.Request}.{Names.FuseRequest.Context}");

    public static readonly IReadOnlyList<ManagedShape> All = new[] { Context };
}
