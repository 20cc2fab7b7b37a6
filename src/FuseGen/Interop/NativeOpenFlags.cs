using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FuseGen.Interop;

/// <summary>
/// Reads open flags from the kernel's encoding on the running architecture as <see cref="OpenFlags"/>, whose
/// values are x86_64's. arm64 (the generic Linux encoding) swaps two pairs of bits: its <c>O_DIRECTORY</c> and
/// <c>O_NOFOLLOW</c> (0x4000, 0x8000) are x86_64's <c>O_DIRECT</c> and <c>O_LARGEFILE</c>, and the other way round
/// (0x10000, 0x20000). Every other flag has one value on both.
/// </summary>
/// <remarks>
/// <see cref="RuntimeInformation.ProcessArchitecture"/> is a constant of each architecture's CoreLib, so the JIT and
/// the AOT compiler keep only one branch: on x86_64 the conversion is the identity and costs nothing.
/// </remarks>
internal static class NativeOpenFlags
{
    /// <summary>The four bits whose meaning differs between x86_64 and arm64.</summary>
    private const int SwappedBits = 0x3C000;

    /// <summary>The kernel's flags (<c>fuse_file_info.flags</c>) as <see cref="OpenFlags"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OpenFlags FromKernel(int flags) =>
        (OpenFlags)(RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? SwapGenericAndX86_64(flags) : flags);

    /// <summary>
    /// Converts between the generic (arm64) encoding and x86_64's, in either direction (the swap is its own inverse).
    /// </summary>
    public static int SwapGenericAndX86_64(int flags) =>
        (flags & ~SwappedBits) | ((flags & 0xC000) << 2) | ((flags >> 2) & 0xC000);
}
