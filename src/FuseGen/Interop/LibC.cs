using System.Runtime.InteropServices;

namespace FuseGen.Interop;

/// <summary>
/// The few libc functions FuseGen calls. Named <c>libc.so.6</c> explicitly: plain <c>libc</c> resolves to the
/// linker script <c>libc.so</c> under some loaders. Binding is lazy, so a missing symbol fails only when called.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc.so.6";

    public const int MNT_DETACH = 2;

    public const short POLLERR = 0x008;

    /// <summary><c>struct pollfd</c>.</summary>
    public struct PollFd
    {
        public int fd;
        public short events;
        public short revents;
    }

    /// <summary><c>Dl_info</c>: what <see cref="dladdr"/> tells of an address.</summary>
    public struct DlInfo
    {
        public byte* dli_fname;
        public void* dli_fbase;
        public byte* dli_sname;
        public void* dli_saddr;
    }

    /// <summary>Which loaded object holds <paramref name="address"/>; 0 when none does (JIT stubs, anonymous memory).</summary>
    [DllImport(Library, EntryPoint = "dladdr")]
    public static extern int dladdr(void* address, DlInfo* info);

    [DllImport(Library, EntryPoint = "dlvsym")]
    public static extern void* dlvsym(void* handle, byte* symbol, byte* version);

    [DllImport(Library, EntryPoint = "geteuid")]
    [SuppressGCTransition]
    public static extern uint geteuid();

    /// <remarks>Read errno with <see cref="Marshal.GetLastSystemError"/> right after a failure.</remarks>
    [DllImport(Library, EntryPoint = "umount2")]
    public static extern int umount2(byte* target, int flags);

    [DllImport(Library, EntryPoint = "mount")]
    public static extern int mount(byte* source, byte* target, byte* type, ulong flags, void* data);

    public const int W_OK = 2;

    [DllImport(Library, EntryPoint = "getuid")]
    [SuppressGCTransition]
    public static extern uint getuid();

    [DllImport(Library, EntryPoint = "access")]
    public static extern int access(byte* path, int mode);

    /// <remarks>The buffer must hold the running architecture's <c>struct stat</c> (see <see cref="Marshalling.NativeStat.MaxSize"/>).</remarks>
    [DllImport(Library, EntryPoint = "stat")]
    public static extern int stat(byte* path, void* buffer);

    [DllImport(Library, EntryPoint = "poll")]
    public static extern int poll(PollFd* fds, nuint count, int timeout);

    public const int F_DUPFD_CLOEXEC = 1030;

    [DllImport(Library, EntryPoint = "fcntl")]
    public static extern int fcntl(int fd, int command, int argument);

    [DllImport(Library, EntryPoint = "close")]
    public static extern int close(int fd);

    /// <summary>No errno kept: <see cref="FuseBufferReply.FromFile"/> leaves a failed read to libfuse, which repeats it.</summary>
    [DllImport(Library, EntryPoint = "pread")]
    public static extern nint pread(int fd, void* buffer, nuint count, long offset);

    [DllImport(Library, EntryPoint = "vsnprintf")]
    public static extern int vsnprintf(byte* buffer, nuint size, byte* format, void* arguments);
}
