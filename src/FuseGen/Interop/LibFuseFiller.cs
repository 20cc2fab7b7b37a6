using System.Threading;
using FuseGen.Interop.Native;

namespace FuseGen.Interop;

/// <summary>
/// Recognizes libfuse's own <c>fuse_fill_dir_t</c>, which <see cref="DirectoryFiller"/> may call without a GC
/// transition: it is the one call made per directory entry, so the transition is most of what FuseGen adds to a
/// listing.
/// </summary>
/// <remarks>
/// <para>Skipping the transition is safe only for a callee that never blocks for long, never calls back into managed
/// code and never waits for a thread that might itself wait for a garbage collection. libfuse's filler in plain form
/// (flags 0, <c>readdir_ino</c> off) appends the entry to a growing buffer and nothing else. With
/// <c>FUSE_FILL_DIR_PLUS</c> or <c>readdir_ino</c> it looks the name up under <c>fuse->lock</c>, which a thread can
/// hold while calling FuseGen's log function, so those keep the transition. Fillers from anywhere else (test fakes,
/// other libraries) always keep it: a managed filler entered without a transition would abort the process.</para>
/// <para>Identity is by address: <c>dladdr</c> names the object holding the function; a libfuse filler lives in
/// the libfuse that FuseGen loaded. The few such addresses (fill_dir, fill_dir_plus, a module's wrapper) are
/// remembered, so the lookup happens once per address, not once per listing.</para>
/// </remarks>
internal static unsafe class LibFuseFiller
{
    private static nint libraryBase;
    private static nint knownA;
    private static nint knownB;
    private static int mountsWithLookups;

    /// <summary>Notes where the loaded libfuse lives, from any of its functions.</summary>
    public static void SetLibrary(void* anyFunction)
    {
        LibC.DlInfo info;
        libraryBase = anyFunction != null && LibC.dladdr(anyFunction, &info) != 0 ? (nint)info.dli_fbase : 0;
    }

    /// <summary>
    /// Called after a filesystem's init. True when its configuration makes libfuse's filler look entries up
    /// (readdir_ino): then, until <see cref="MountEnded"/>, no filler call in the process skips the transition.
    /// </summary>
    public static bool MountStarted(fuse_config* config)
    {
        if (config == null || config->readdir_ino == 0)
        {
            return false;
        }

        Interlocked.Increment(ref mountsWithLookups);
        return true;
    }

    /// <summary>The mount that <see cref="MountStarted"/> counted has ended.</summary>
    public static void MountEnded() => Interlocked.Decrement(ref mountsWithLookups);

    /// <summary>True when <paramref name="filler"/> may be called for a plain entry (fill flags 0) without a GC transition.</summary>
    public static bool AllowsDirectFill(void* filler)
    {
        if (filler == null || Volatile.Read(ref mountsWithLookups) != 0)
        {
            return false;
        }

        var address = (nint)filler;
        if (address == Volatile.Read(ref knownA) || address == Volatile.Read(ref knownB))
        {
            return true;
        }

        if (!IsInLibrary(filler))
        {
            return false;
        }

        // Two slots cover fill_dir and fill_dir_plus; a third address (a module's wrapper) is just looked up again.
        if (Interlocked.CompareExchange(ref knownA, address, 0) != 0)
        {
            Interlocked.CompareExchange(ref knownB, address, 0);
        }

        return true;
    }

    /// <summary>Test seam: forgets the remembered fillers.</summary>
    internal static void ForgetForTesting()
    {
        knownA = 0;
        knownB = 0;
    }

    private static bool IsInLibrary(void* address)
    {
        LibC.DlInfo info;
        return libraryBase != 0 && LibC.dladdr(address, &info) != 0 && (nint)info.dli_fbase == libraryBase;
    }
}
