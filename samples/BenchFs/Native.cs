using System.Runtime.InteropServices;

namespace BenchFs;

/// <summary>The process's own ids: docs/benchfs.md gives every file the uid/gid of the process.</summary>
internal static partial class Native
{
    [LibraryImport("libc.so.6")]
    public static partial uint geteuid();

    [LibraryImport("libc.so.6")]
    public static partial uint getegid();
}
