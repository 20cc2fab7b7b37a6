using System.Runtime.InteropServices;
using FuseGen.Testing.Native;

namespace FuseGen.Testing;

/// <summary>
/// One system call each, answering only its errno (<see cref="Errno.None"/> on success), so a test sees exactly what
/// the kernel (and so the filesystem) said: .NET's file APIs map errors to exceptions and sometimes make several calls.
/// </summary>
/// <example>
/// <code>
/// FileSystemAssert.Fails(Errno.ENOENT, Syscall.Stat(mount["missing"]));
/// FileSystemAssert.Succeeds(Syscall.Mkdir(mount["dir"]));
/// </code>
/// </example>
public static unsafe class Syscall
{
    private const int O_CLOEXEC = 0x80000;

    /// <summary>stat(2), following a final symlink.</summary>
    /// <param name="path">The path.</param>
    public static Errno Stat(string path)
    {
        // Large enough for struct stat on every 64-bit Linux; only the errno is read.
        var buffer = stackalloc byte[256];
        return Check(SystemCalls.stat(path, buffer));
    }

    /// <summary>lstat(2): a final symlink itself.</summary>
    /// <param name="path">The path.</param>
    public static Errno Lstat(string path)
    {
        var buffer = stackalloc byte[256];
        return Check(SystemCalls.lstat(path, buffer));
    }

    /// <summary>open(2) and, when it succeeded, close(2): the errno of the open.</summary>
    /// <param name="path">The path.</param>
    /// <param name="flags">Open flags (their x86_64 values, translated for the running architecture).</param>
    /// <param name="mode">Permissions of a file <see cref="OpenFlags.Create"/> makes; 0644 by default.</param>
    public static Errno Open(string path, OpenFlags flags, uint mode = 0x1A4)
    {
        var fd = SystemCalls.open(path, NativeOpenFlags(flags) | O_CLOEXEC, mode);
        if (fd < 0)
        {
            return LastError();
        }

        SystemCalls.close(fd);
        return Errno.None;
    }

    /// <summary>access(2).</summary>
    /// <param name="path">The path.</param>
    /// <param name="mode">What to check: <see cref="AccessMode.Read"/>, <see cref="AccessMode.Write"/>, <see cref="AccessMode.Execute"/>, or <see cref="AccessMode.Exists"/>.</param>
    public static Errno Access(string path, AccessMode mode) => Check(SystemCalls.access(path, (int)mode));

    /// <summary>mkdir(2).</summary>
    /// <param name="path">The new directory.</param>
    /// <param name="mode">Its permissions; 0755 by default.</param>
    public static Errno Mkdir(string path, uint mode = 0x1ED) => Check(SystemCalls.mkdir(path, mode));

    /// <summary>rmdir(2).</summary>
    /// <param name="path">The directory.</param>
    public static Errno Rmdir(string path) => Check(SystemCalls.rmdir(path));

    /// <summary>unlink(2).</summary>
    /// <param name="path">The file.</param>
    public static Errno Unlink(string path) => Check(SystemCalls.unlink(path));

    /// <summary>rename(2).</summary>
    /// <param name="from">The existing name.</param>
    /// <param name="to">The new name.</param>
    public static Errno Rename(string from, string to) => Check(SystemCalls.rename(from, to));

    /// <summary>symlink(2): makes <paramref name="path"/> a link to <paramref name="target"/>.</summary>
    /// <param name="target">The link's content.</param>
    /// <param name="path">The link.</param>
    public static Errno Symlink(string target, string path) => Check(SystemCalls.symlink(target, path));

    /// <summary>truncate(2).</summary>
    /// <param name="path">The file.</param>
    /// <param name="length">Its new size.</param>
    public static Errno Truncate(string path, long length) => Check(SystemCalls.truncate(path, length));

    /// <summary>chmod(2).</summary>
    /// <param name="path">The file.</param>
    /// <param name="mode">The permission bits.</param>
    public static Errno Chmod(string path, uint mode) => Check(SystemCalls.chmod(path, mode));

    private static Errno Check(int result) => result == 0 ? Errno.None : LastError();

    private static Errno LastError() => (Errno)Marshal.GetLastPInvokeError();

    // OpenFlags carries the x86_64 values; arm64 (asm-generic) moves four of them.
    private static int NativeOpenFlags(OpenFlags flags)
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.Arm64)
        {
            return (int)flags;
        }

        var moved = OpenFlags.Direct | OpenFlags.LargeFile | OpenFlags.Directory | OpenFlags.NoFollow;
        var native = (int)(flags & ~moved);
        native |= (flags & OpenFlags.Directory) != 0 ? 0x4000 : 0;
        native |= (flags & OpenFlags.NoFollow) != 0 ? 0x8000 : 0;
        native |= (flags & OpenFlags.Direct) != 0 ? 0x10000 : 0;
        native |= (flags & OpenFlags.LargeFile) != 0 ? 0x20000 : 0;
        return native;
    }
}
