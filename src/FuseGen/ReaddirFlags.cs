using System;

namespace FuseGen;

/// <summary>Flags of a readdir request.</summary>
[Flags]
public enum ReaddirFlags
{
    /// <summary>Plain readdir: names and types.</summary>
    None = 0,

    /// <summary><c>FUSE_READDIR_PLUS</c>: the kernel also wants complete attributes with each entry.</summary>
    Plus = 1,
}
