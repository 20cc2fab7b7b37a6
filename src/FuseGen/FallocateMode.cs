using System;

namespace FuseGen;

/// <summary>The mode of <c>fallocate()</c>. Answer <see cref="Errno.EOPNOTSUPP"/> for modes you do not support.</summary>
[Flags]
public enum FallocateMode
{
    /// <summary>Allocate the range, extending the file if needed.</summary>
    Allocate = 0,

    /// <summary><c>FALLOC_FL_KEEP_SIZE</c>: allocate without changing the file size.</summary>
    KeepSize = 0x01,

    /// <summary><c>FALLOC_FL_PUNCH_HOLE</c>: deallocate the range (always with <see cref="KeepSize"/>).</summary>
    PunchHole = 0x02,

    /// <summary><c>FALLOC_FL_COLLAPSE_RANGE</c>: remove the range and shift the rest down.</summary>
    CollapseRange = 0x08,

    /// <summary><c>FALLOC_FL_ZERO_RANGE</c>: zero the range.</summary>
    ZeroRange = 0x10,

    /// <summary><c>FALLOC_FL_INSERT_RANGE</c>: insert a hole, shifting the rest up.</summary>
    InsertRange = 0x20,

    /// <summary><c>FALLOC_FL_UNSHARE_RANGE</c>: unshare shared blocks.</summary>
    UnshareRange = 0x40,
}
