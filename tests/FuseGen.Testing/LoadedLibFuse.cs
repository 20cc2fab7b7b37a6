using System;
using System.Collections.Generic;
using System.Linq;
using FuseGen.Interop;

namespace FuseGen.Testing;

/// <summary>The libfuse this process serves with (<c>FUSEGEN_LIBFUSE</c> or the system's), for version-dependent assertions.</summary>
public static class LoadedLibFuse
{
    /// <summary>Its version, loading it first if no mount has yet.</summary>
    public static Version Version
    {
        get
        {
            LibFuse.EnsureLoaded();
            return LibFuse.Version;
        }
    }

    /// <summary>What was loaded: a soname or the <c>FUSEGEN_LIBFUSE</c> path.</summary>
    public static string Name
    {
        get
        {
            LibFuse.EnsureLoaded();
            return LibFuse.LibraryName;
        }
    }

    /// <summary>The <c>struct fuse_operations</c> members (libfuse names) this libfuse is too old to have.</summary>
    public static IReadOnlyList<string> MissingOperations =>
        FuseOperationsSize.Members.Where(m => m.IntroducedIn > Version).Select(m => m.NativeName).ToList();
}
