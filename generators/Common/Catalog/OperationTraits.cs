using System;

namespace FuseGen.Catalog;

/// <summary>Facts about an operation that the analyzers' advice depends on.</summary>
[Flags]
internal enum OperationTraits
{
    None = 0,

    /// <summary>
    /// Called on every data transfer or lookup (getattr, read, write): a per-call allocation here costs throughput.
    /// </summary>
    HotPath = 1,

    /// <summary>
    /// Reaches the filesystem without a path lookup (getattr is the lookup; statfs runs on the mount root), so it
    /// works without [Getattr]. Operations without a path never need one either.
    /// </summary>
    NoLookup = 2,

    /// <summary>
    /// Takes a directory's handle (readdir, fsyncdir); opendir and releasedir say so through their
    /// <see cref="HandleRole"/>.
    /// </summary>
    DirectoryHandles = 4,
}
