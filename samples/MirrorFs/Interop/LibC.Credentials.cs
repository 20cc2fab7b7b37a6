using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary>Process and per-thread credentials.</summary>
internal static partial class LibC
{
    [LibraryImport(Library)]
    public static partial uint umask(uint mask);

    [LibraryImport(Library)]
    public static partial uint geteuid();

    [LibraryImport(Library)]
    public static partial uint getegid();

    /// <summary>Sets this thread's filesystem uid (glibc does not broadcast it to other threads); returns the previous one.</summary>
    [LibraryImport(Library)]
    public static partial int setfsuid(uint fsuid);

    /// <summary>Sets this thread's filesystem gid; returns the previous one.</summary>
    [LibraryImport(Library)]
    public static partial int setfsgid(uint fsgid);
}
