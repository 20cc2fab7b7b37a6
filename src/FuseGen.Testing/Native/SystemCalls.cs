using System.Runtime.InteropServices;

namespace FuseGen.Testing.Native;

/// <summary>
/// The libc functions the kit calls. Every one returns -1 (or null) and sets errno on failure, which
/// <see cref="Marshal.GetLastPInvokeError"/> reads; <c>struct stat</c> is never decoded, so no layout differs by architecture.
/// </summary>
internal static unsafe partial class SystemCalls
{
    private const string Library = "libc.so.6";

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int open(string path, int flags, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int stat(string path, byte* buffer);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int lstat(string path, byte* buffer);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int access(string path, int mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int mkdir(string path, uint mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int rmdir(string path);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int unlink(string path);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int rename(string oldPath, string newPath);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int symlink(string target, string path);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int truncate(string path, long length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int chmod(string path, uint mode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial byte* realpath(string path, byte* resolved);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int umount2(string target, int flags);

    [LibraryImport(Library)]
    internal static partial uint geteuid();

    [LibraryImport(Library, SetLastError = true)]
    internal static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int mprotect(void* address, nuint length, int protection);

    [LibraryImport(Library)]
    internal static partial int munmap(void* address, nuint length);
}
