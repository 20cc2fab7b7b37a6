using System.Runtime.InteropServices;

namespace FuseGen.Testing;

/// <summary>The C structures the libc calls take whose layout is the same on x86_64 and arm64 (64-bit Linux, glibc).</summary>
public static partial class LibC
{
    /// <summary><c>struct timespec</c>, as utimensat takes two of them (access, then modification).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>glibc's <c>struct mallinfo2</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MallInfo2
    {
        public nuint arena;
        public nuint ordblks;
        public nuint smblks;
        public nuint hblks;
        public nuint hblkhd;
        public nuint usmblks;
        public nuint fsmblks;
        public nuint uordblks;
        public nuint fordblks;
        public nuint keepcost;
    }

    /// <summary>makedev() of glibc.</summary>
    public static ulong MakeDevice(uint major, uint minor) =>
        ((ulong)(major & 0xFFFFF000u) << 32) | ((ulong)(major & 0xFFFu) << 8) | ((ulong)(minor & 0xFFFFFF00u) << 12) | (minor & 0xFFu);
}
