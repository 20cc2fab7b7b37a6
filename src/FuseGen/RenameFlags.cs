using System;

namespace FuseGen;

/// <summary>Flags of <c>renameat2()</c>. Answer <see cref="Errno.EINVAL"/> for any you do not support.</summary>
[Flags]
public enum RenameFlags : uint
{
    /// <summary>Plain rename: replace the destination if it exists.</summary>
    None = 0,

    /// <summary><c>RENAME_NOREPLACE</c>: fail with EEXIST if the destination exists.</summary>
    NoReplace = 1,

    /// <summary><c>RENAME_EXCHANGE</c>: atomically swap source and destination, which must both exist.</summary>
    Exchange = 2,

    /// <summary><c>RENAME_WHITEOUT</c>: leave a whiteout at the source (overlay filesystems).</summary>
    Whiteout = 4,
}
