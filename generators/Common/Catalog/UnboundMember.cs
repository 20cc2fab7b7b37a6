using System;

namespace FuseGen.Catalog;

/// <summary>
/// A member of <c>struct fuse_operations</c> that FuseGen does not bind yet: it has no attribute and no managed
/// shapes, but it takes a pointer's room in the table of the libfuse versions that have it.
/// </summary>
internal sealed class UnboundMember
{
    public UnboundMember(string nativeName, string cDeclaration, Version introducedIn)
    {
        NativeName = nativeName;
        CDeclaration = cDeclaration;
        IntroducedIn = introducedIn;
    }

    /// <summary>The member name in <c>struct fuse_operations</c>.</summary>
    public string NativeName { get; }

    /// <summary>The C declaration from fuse.h, for documentation.</summary>
    public string CDeclaration { get; }

    /// <summary>The libfuse version whose <c>struct fuse_operations</c> first has this member.</summary>
    public Version IntroducedIn { get; }
}
