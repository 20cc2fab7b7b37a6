using System.Runtime.InteropServices;

namespace MirrorFs.Interop;

/// <summary>BSD <c>flock</c> and POSIX record locks (<c>fcntl</c>, open file description locks).</summary>
internal static unsafe partial class LibC
{
    [LibraryImport(Library, SetLastError = true)]
    public static partial int flock(int fd, int operation);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fcntl(int fd, int command, NativeFlock* lockDescription);
}
