using System.ComponentModel;
using FuseGen.Interop;
using FuseGen.Interop.Native;

namespace FuseGen;

/// <summary>
/// libfuse's high-level configuration as <see cref="InitAttribute"/> sees it (<c>struct fuse_config</c>); only the
/// fields whose place is the same in every libfuse 3.x are exposed.
/// </summary>
public readonly unsafe ref struct FuseConfig
{
    private readonly fuse_config* config;

    private FuseConfig(fuse_config* config) => this.config = config;

    /// <summary>Wraps libfuse's pointer. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static FuseConfig FromNative(void* config) => new((fuse_config*)config);

    /// <summary>Seconds the kernel caches name lookups (default 1).</summary>
    public double EntryTimeout
    {
        get => config->entry_timeout;
        set => config->entry_timeout = value;
    }

    /// <summary>Seconds the kernel caches failed lookups (default 0).</summary>
    public double NegativeTimeout
    {
        get => config->negative_timeout;
        set => config->negative_timeout = value;
    }

    /// <summary>Seconds the kernel caches attributes (default 1).</summary>
    public double AttrTimeout
    {
        get => config->attr_timeout;
        set => config->attr_timeout = value;
    }

    /// <summary>Use the filesystem's <see cref="Stat.Inode"/> numbers.</summary>
    public bool UseIno
    {
        get => config->use_ino != 0;
        set => config->use_ino = value ? 1 : 0;
    }

    /// <summary>Fill in inode numbers in readdir even without <see cref="UseIno"/>.</summary>
    public bool ReaddirIno
    {
        get => config->readdir_ino != 0;
        set => config->readdir_ino = value ? 1 : 0;
    }

    /// <summary>Bypass the page cache for all files.</summary>
    public bool DirectIo
    {
        get => config->direct_io != 0;
        set => config->direct_io = value ? 1 : 0;
    }

    /// <summary>Keep file data cached across opens.</summary>
    public bool KernelCache
    {
        get => config->kernel_cache != 0;
        set => config->kernel_cache = value ? 1 : 0;
    }

    /// <summary>Invalidate cached data when modification time or size change.</summary>
    public bool AutoCache
    {
        get => config->auto_cache != 0;
        set => config->auto_cache = value ? 1 : 0;
    }

    /// <summary>
    /// Requests on open files (read, write, getattr and truncate of an open file, flush, release, fsync, locks,
    /// readdir...) get no path, an empty span: libfuse then does not build one, which takes its tree-wide lock and
    /// allocates on every such request. For a filesystem that finds open files by their handles, as libfuse's
    /// passthrough_fh (<c>nullpath_ok</c>).
    /// </summary>
    public bool NullPathOk
    {
        get => *NullPathOkField != 0;
        set => *NullPathOkField = value ? 1 : 0;
    }

    // Past the fields every libfuse 3.x has in the same place: located by the loaded library's version.
    private int* NullPathOkField => (int*)((byte*)config + fuse_config.NullPathOkOffset(LibFuse.Version));

    /// <summary>Remove files immediately instead of hiding them while open.</summary>
    public bool HardRemove
    {
        get => config->hard_remove != 0;
        set => config->hard_remove = value ? 1 : 0;
    }
}
