using System.Collections.Generic;

namespace FuseGen.Catalog;

/// <summary>Parameters any operation may declare, anywhere in its parameter list.</summary>
internal static class AmbientParameters
{
    /// <summary>The caller's uid, gid, pid and umask (<c>FuseContext</c>), read once per request.</summary>
    public static readonly ManagedShape Context =
        new("context", "global::FuseGen.FuseContext", "FuseContext", ManagedRefKind.None, $"{CodeHole.Request}.Context");

    public static readonly IReadOnlyList<ManagedShape> All = new[] { Context };
}
