using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using FuseGen.Interop.Native;
using FuseGen.Marshalling;

namespace FuseGen.Interop;

/// <summary>
/// libfuse3, loaded at run time by soname and resolved symbol by symbol with the symbol version each ABI needs
/// (see docs/libfuse-pitfalls.md): <c>fuse_new@FUSE_3.1</c>, the newest <c>fuse_loop_mt</c> ABI available, and so on.
/// </summary>
/// <remarks>
/// Never linked at build time: LGPL libfuse stays a system library, and a missing libfuse is a clear run-time error
/// instead of a loader failure. Set <c>FUSEGEN_LIBFUSE</c> to a path to load a specific build.
/// </remarks>
internal static unsafe partial class LibFuse
{
    /// <summary>Sonames tried in order: 3.17+ first, then 3.0–3.16.</summary>
    public static readonly string[] Sonames = { "libfuse3.so.4", "libfuse3.so.3" };

    private static readonly object Gate = new();
    private static nint handle;
    private static delegate* unmanaged[Cdecl, SuppressGCTransition]<fuse_context*> libraryGetContext;
    private static int highLevelInstances;

    public static Version Version { get; private set; } = new(0, 0);

    public static string LibraryName { get; private set; } = "";

    public static bool IsLoaded => handle != 0;

    // Request-path calls: tiny, non-blocking C functions, so the GC transition is skipped.
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<fuse_context*> fuse_get_context;

    public static delegate* unmanaged[Cdecl]<fuse_args*, FuseOperations*, nuint, void*, void*> fuse_new;
    public static delegate* unmanaged[Cdecl]<void*, byte*, int> fuse_mount;
    public static delegate* unmanaged[Cdecl]<void*, void> fuse_unmount;
    public static delegate* unmanaged[Cdecl]<void*, void> fuse_destroy;
    public static delegate* unmanaged[Cdecl]<void*, int> fuse_loop;
    public static delegate* unmanaged[Cdecl]<void*, void*> fuse_get_session;
    public static delegate* unmanaged[Cdecl]<void*, void> fuse_session_exit;
    public static delegate* unmanaged[Cdecl]<void*, int> fuse_session_exited;
    public static delegate* unmanaged[Cdecl]<void*, int> fuse_session_fd;
    public static delegate* unmanaged[Cdecl]<fuse_args*, void> fuse_opt_free_args;
    public static delegate* unmanaged[Cdecl]<fuse_args*, void> fuse_lib_help;
    public static delegate* unmanaged[Cdecl]<void*, int> fuse_notify_poll;
    public static delegate* unmanaged[Cdecl]<void*, nuint> fuse_buf_size;
    public static delegate* unmanaged[Cdecl]<void*, void*, int, nint> fuse_buf_copy;
    public static delegate* unmanaged[Cdecl]<void*, void> fuse_pollhandle_destroy;
    public static delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<int, byte*, void*, void>, void> fuse_set_log_func;

    // 3.17.3+: the 64-bit capability flags of fuse_conn_info (want_ext); null on older versions.
    public static delegate* unmanaged[Cdecl]<void*, ulong, byte> fuse_set_feature_flag;
    public static delegate* unmanaged[Cdecl]<void*, ulong, void> fuse_unset_feature_flag;

    // fuse_loop_mt: three ABIs. 3.12+: opaque config; 3.2–3.11: struct fuse_loop_config_v1*; 3.0–3.1: int clone_fd.
    public static delegate* unmanaged[Cdecl]<void*, void*, int> fuse_loop_mt_312;
    public static delegate* unmanaged[Cdecl]<void*, fuse_loop_config_v1*, int> fuse_loop_mt_32;
    public static delegate* unmanaged[Cdecl]<void*, int, int> fuse_loop_mt_30;
    public static delegate* unmanaged[Cdecl]<void*> fuse_loop_cfg_create;
    public static delegate* unmanaged[Cdecl]<void*, void> fuse_loop_cfg_destroy;
    public static delegate* unmanaged[Cdecl]<void*, uint, void> fuse_loop_cfg_set_clone_fd;
    public static delegate* unmanaged[Cdecl]<void*, uint, void> fuse_loop_cfg_set_idle_threads;
    public static delegate* unmanaged[Cdecl]<void*, uint, void> fuse_loop_cfg_set_max_threads;

    /// <summary>Size of <c>struct fuse_operations</c> in the loaded version, so older libraries never warn.</summary>
    public static int OperationsSize { get; private set; }

    /// <summary>Loads libfuse3 once; throws <see cref="FuseLibraryException"/> naming what was tried.</summary>
    public static void EnsureLoaded()
    {
        if (IsLoaded)
        {
            return;
        }

        lock (Gate)
        {
            if (!IsLoaded)
            {
                Load();
            }
        }
    }

    private static void Load()
    {
        var overridePath = Environment.GetEnvironmentVariable("FUSEGEN_LIBFUSE");
        var candidates = string.IsNullOrEmpty(overridePath) ? Sonames : new[] { overridePath! };
        nint library = 0;
        string? loaded = null;
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out library))
            {
                loaded = candidate;
                break;
            }
        }

        if (loaded is null)
        {
            throw new FuseLibraryException(
                $"libfuse3 is not installed (tried {string.Join(", ", candidates)}); install it, e.g. 'apt-get install fuse3 libfuse3-3'");
        }

        var pkgversion = (delegate* unmanaged[Cdecl]<byte*>)Resolve(library, "fuse_pkgversion", "FUSE_3.0", required: true);
        var versionText = Marshal.PtrToStringUTF8((nint)pkgversion()) ?? "";
        var version = ParseVersion(versionText);
        if (version.Major != 3)
        {
            throw new FuseLibraryException($"{loaded} reports version '{versionText}'; FuseGen needs libfuse 3.x");
        }

        fuse_get_context = (delegate* unmanaged[Cdecl, SuppressGCTransition]<fuse_context*>)Resolve(library, "fuse_get_context", "FUSE_3.0", true);
        libraryGetContext = fuse_get_context;
        fuse_new = (delegate* unmanaged[Cdecl]<fuse_args*, FuseOperations*, nuint, void*, void*>)Resolve(library, "fuse_new", "FUSE_3.1", true);
        fuse_mount = (delegate* unmanaged[Cdecl]<void*, byte*, int>)Resolve(library, "fuse_mount", "FUSE_3.0", true);
        fuse_unmount = (delegate* unmanaged[Cdecl]<void*, void>)Resolve(library, "fuse_unmount", "FUSE_3.0", true);
        fuse_destroy = (delegate* unmanaged[Cdecl]<void*, void>)Resolve(library, "fuse_destroy", "FUSE_3.0", true);
        fuse_loop = (delegate* unmanaged[Cdecl]<void*, int>)Resolve(library, "fuse_loop", "FUSE_3.0", true);
        fuse_get_session = (delegate* unmanaged[Cdecl]<void*, void*>)Resolve(library, "fuse_get_session", "FUSE_3.0", true);
        fuse_session_exit = (delegate* unmanaged[Cdecl]<void*, void>)Resolve(library, "fuse_session_exit", "FUSE_3.0", true);
        fuse_session_exited = (delegate* unmanaged[Cdecl]<void*, int>)Resolve(library, "fuse_session_exited", "FUSE_3.0", true);
        fuse_session_fd = (delegate* unmanaged[Cdecl]<void*, int>)Resolve(library, "fuse_session_fd", "FUSE_3.0", true);
        fuse_opt_free_args = (delegate* unmanaged[Cdecl]<fuse_args*, void>)Resolve(library, "fuse_opt_free_args", "FUSE_3.0", true);
        fuse_buf_size = (delegate* unmanaged[Cdecl]<void*, nuint>)Resolve(library, "fuse_buf_size", "FUSE_3.0", true);
        fuse_buf_copy = (delegate* unmanaged[Cdecl]<void*, void*, int, nint>)Resolve(library, "fuse_buf_copy", "FUSE_3.0", true);
        fuse_notify_poll = (delegate* unmanaged[Cdecl]<void*, int>)Resolve(library, "fuse_notify_poll", "FUSE_3.0", true);
        fuse_pollhandle_destroy = (delegate* unmanaged[Cdecl]<void*, void>)Resolve(library, "fuse_pollhandle_destroy", "FUSE_3.0", true);
        fuse_lib_help = (delegate* unmanaged[Cdecl]<fuse_args*, void>)Resolve(library, "fuse_lib_help", "FUSE_3.0", false);
        fuse_set_log_func = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<int, byte*, void*, void>, void>)Resolve(library, "fuse_set_log_func", "FUSE_3.7", false);
        fuse_set_feature_flag = (delegate* unmanaged[Cdecl]<void*, ulong, byte>)Resolve(library, "fuse_set_feature_flag", "FUSE_3.17.3", false);
        fuse_unset_feature_flag = (delegate* unmanaged[Cdecl]<void*, ulong, void>)Resolve(library, "fuse_unset_feature_flag", "FUSE_3.17.3", false);

        fuse_loop_mt_312 = (delegate* unmanaged[Cdecl]<void*, void*, int>)ResolveExact(library, "fuse_loop_mt", "FUSE_3.12");
        fuse_loop_cfg_create = (delegate* unmanaged[Cdecl]<void*>)ResolveExact(library, "fuse_loop_cfg_create", "FUSE_3.12");
        fuse_loop_cfg_destroy = (delegate* unmanaged[Cdecl]<void*, void>)ResolveExact(library, "fuse_loop_cfg_destroy", "FUSE_3.12");
        fuse_loop_cfg_set_clone_fd = (delegate* unmanaged[Cdecl]<void*, uint, void>)ResolveExact(library, "fuse_loop_cfg_set_clone_fd", "FUSE_3.12");
        fuse_loop_cfg_set_idle_threads = (delegate* unmanaged[Cdecl]<void*, uint, void>)ResolveExact(library, "fuse_loop_cfg_set_idle_threads", "FUSE_3.12");
        fuse_loop_cfg_set_max_threads = (delegate* unmanaged[Cdecl]<void*, uint, void>)ResolveExact(library, "fuse_loop_cfg_set_max_threads", "FUSE_3.12");
        fuse_loop_mt_32 = (delegate* unmanaged[Cdecl]<void*, fuse_loop_config_v1*, int>)ResolveExact(library, "fuse_loop_mt", "FUSE_3.2");
        fuse_loop_mt_30 = (delegate* unmanaged[Cdecl]<void*, int, int>)ResolveExact(library, "fuse_loop_mt", "FUSE_3.0");
        if (fuse_loop_mt_312 == null && fuse_loop_mt_32 == null && fuse_loop_mt_30 == null)
        {
            // Builds without symbol versions export the ABI of their own version under the plain name.
            fuse_loop_mt_312 = (delegate* unmanaged[Cdecl]<void*, void*, int>)Resolve(library, "fuse_loop_mt", null, true);
        }

        OperationsSize = OperationTableSize(version);
        LoadLowLevel(library, version);
        FileInfoBits.Select(version);
        Version = version;
        LibraryName = loaded;
        handle = library;
        LibFuseFiller.SetLibrary(pkgversion);
        FuseLog.Install();
    }

    /// <summary>
    /// Number of <c>fuse_operations</c> members a version declares, from the catalog's version column (copy_file_range:
    /// 3.4, lseek: 3.8, statx: 3.18, syncfs: 3.19), bound by FuseGen or not.
    /// </summary>
    internal static int OperationCount(Version version) => FuseOperationsSize.MemberCount(version);

    /// <summary>
    /// Bytes of the operation table libfuse reads: one pointer per member of its <c>struct fuse_operations</c>.
    /// Members past <see cref="FuseOperations"/> stay null in the (zeroed, at least this large) table FuseGen passes.
    /// </summary>
    internal static int OperationTableSize(Version version) => sizeof(void*) * OperationCount(version);

    internal static Version ParseVersion(string text)
    {
        var numbers = new int[3];
        var parts = text.Split('.', '-', '~', '+');
        for (var i = 0; i < numbers.Length && i < parts.Length; i++)
        {
            int.TryParse(parts[i], out numbers[i]);
        }

        return new Version(numbers[0], numbers[1], numbers[2]);
    }

    /// <summary>Resolves <paramref name="name"/>@<paramref name="version"/>, falling back to the default symbol.</summary>
    private static void* Resolve(nint library, string name, string? version, bool required)
    {
        var address = version is null ? null : ResolveExact(library, name, version);
        if (address == null && NativeLibrary.TryGetExport(library, name, out var plain))
        {
            address = (void*)plain;
        }

        if (address == null && required)
        {
            throw new FuseLibraryException($"libfuse3 lacks the symbol {name}{(version is null ? "" : "@" + version)}");
        }

        return address;
    }

    /// <summary>Resolves exactly <paramref name="name"/>@<paramref name="version"/>, or null (also where libc has no dlvsym).</summary>
    private static void* ResolveExact(nint library, string name, string version)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        var versionBytes = Encoding.ASCII.GetBytes(version + "\0");
        try
        {
            fixed (byte* n = nameBytes)
            fixed (byte* v = versionBytes)
            {
                return LibC.dlvsym((void*)library, n, v);
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The calling thread's high-level request context, or null. libfuse's <c>fuse_get_context</c> reads a pthread
    /// key that only <c>fuse_new</c> creates (and the last <c>fuse_destroy</c> deletes); called without one it reads
    /// whatever key 0 holds, another library's data. So it is called only while a path-API instance exists (or a
    /// test has replaced it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static fuse_context* CurrentContext()
    {
        var source = fuse_get_context;
        return source == null || ((nint)source == (nint)libraryGetContext && Volatile.Read(ref highLevelInstances) == 0) ? null : source();
    }

    /// <summary>A <c>struct fuse</c> was created: its context key exists until the matching <see cref="HighLevelInstanceDestroyed"/>.</summary>
    internal static void HighLevelInstanceCreated() => Interlocked.Increment(ref highLevelInstances);

    /// <summary>A <c>struct fuse</c> was destroyed.</summary>
    internal static void HighLevelInstanceDestroyed() => Interlocked.Decrement(ref highLevelInstances);

    /// <summary>Test seam: replaces the context source so generated code can run without a kernel.</summary>
    internal static void SetContextSourceForTesting(delegate* unmanaged[Cdecl, SuppressGCTransition]<fuse_context*> source) =>
        fuse_get_context = source;
}
