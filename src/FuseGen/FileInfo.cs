using System;
using System.ComponentModel;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Interop.Native;

namespace FuseGen;

/// <summary>
/// An open file as libfuse describes it (<c>struct fuse_file_info</c>): open flags, the file handle you chose in
/// <see cref="OpenAttribute"/>, and caching hints. A view over libfuse's memory, valid during the operation only.
/// </summary>
/// <remarks>
/// getattr, chmod, chown, truncate and utimens receive one only when the kernel knows the open file
/// (<see cref="IsPresent"/> is false otherwise). Bit-fields are placed as the loaded libfuse version lays them out.
/// </remarks>
public unsafe ref struct FileInfo
{
    private readonly fuse_file_info* info;

    private FileInfo(fuse_file_info* info) => this.info = info;

    /// <summary>Wraps libfuse's pointer (may be NULL). Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static FileInfo FromNative(void* info) => new((fuse_file_info*)info);

    /// <summary>False when libfuse passed no file info (path-based getattr, chmod, ...).</summary>
    public readonly bool IsPresent => info != null;

    /// <summary>
    /// Open flags (<c>O_RDONLY</c>, <c>O_APPEND</c>, ...), the same values on every architecture; 0 when absent.
    /// </summary>
    public readonly OpenFlags Flags => info == null ? 0 : NativeOpenFlags.FromKernel(info->flags);

    /// <summary>
    /// The open flags as the kernel of this architecture encodes them, to hand to <c>open(2)</c> (on arm64
    /// <c>O_DIRECT</c>, <c>O_LARGEFILE</c>, <c>O_DIRECTORY</c> and <c>O_NOFOLLOW</c> differ from
    /// <see cref="OpenFlags"/>'s values); 0 when absent.
    /// </summary>
    public readonly int NativeFlags => info == null ? 0 : info->flags;

    /// <summary>The access mode part of <see cref="Flags"/>.</summary>
    public readonly OpenFlags AccessMode => Flags & OpenFlags.AccessModeMask;

    /// <summary>The file handle (<c>fh</c>): set it in open/create/opendir, read it in later operations.</summary>
    public ulong Handle
    {
        readonly get => info == null ? 0 : info->fh;
        set => Required()->fh = value;
    }

    /// <summary>Lock owner id (in flush, lock, flock, and release with <see cref="FlockRelease"/>).</summary>
    public readonly ulong LockOwner => info == null ? 0 : info->lock_owner;

    /// <summary>Bypass the page cache for this open file (set in open).</summary>
    public bool DirectIo
    {
        readonly get => Get(FileInfoBits.DirectIo);
        set => Set(FileInfoBits.DirectIo, value);
    }

    /// <summary>Keep previously cached data of this file (set in open).</summary>
    /// <remarks>
    /// Set in opendir it reaches the kernel only with libfuse 3.16.1 and later: older high-level libfuse copies
    /// nothing but the handle from opendir's file info (set in open it works on every version).
    /// </remarks>
    public bool KeepCache
    {
        readonly get => Get(FileInfoBits.KeepCache);
        set => Set(FileInfoBits.KeepCache, value);
    }

    /// <summary>The file is not seekable (set in open).</summary>
    public bool NonSeekable
    {
        readonly get => Get(FileInfoBits.NonSeekable);
        set => Set(FileInfoBits.NonSeekable, value);
    }

    /// <summary>
    /// In open or create: lets the kernel read and write this open file straight from <paramref name="backingFile"/>
    /// (an open descriptor of the file it mirrors), without calling read, write or their buffer forms. Returns false,
    /// changing nothing, where passthrough is unavailable (libfuse before 3.17, kernel before 6.9, no CAP_SYS_ADMIN,
    /// <see cref="FuseCapabilities.Passthrough"/> not enabled in init, backing file on a stacked filesystem too deep):
    /// the filesystem then serves the file itself as usual. The descriptor stays the filesystem's to close. The
    /// kernel's registration of the backing file is dropped at release when the open returns a handle object (typed
    /// handles) or <see cref="Handle"/> is set before this call; otherwise when the filesystem is unmounted.
    /// </summary>
    public bool PassthroughTo(int backingFile)
    {
        if (info == null || LibFuse.Version < fuse_file_info.BackingSince)
        {
            return false;
        }

        var id = Runtime.Passthrough.Register(info, backingFile);
        if (id == 0)
        {
            return false;
        }

        info->backing_id = id;
        return true;
    }

    /// <summary>True when <see cref="PassthroughTo"/> handed this open file to a backing file.</summary>
    public readonly bool IsPassthrough => info != null && LibFuse.Version >= fuse_file_info.BackingSince && info->backing_id > 0;

    /// <summary>Let the kernel cache this directory's listing (set in opendir).</summary>
    /// <remarks>
    /// Takes effect only with libfuse 3.16.1 and later: older high-level libfuse copies nothing but the handle from
    /// opendir's file info, so on 3.14 every listing still reaches readdir (and the kernel reads a directory twice
    /// per listing, the second time for the end). Nothing in the high-level API can set it there.
    /// </remarks>
    public bool CacheReaddir
    {
        readonly get => Get(FileInfoBits.CacheReaddir);
        set => Set(FileInfoBits.CacheReaddir, value);
    }

    /// <summary>Do not send flush on close for this file (set in open).</summary>
    public bool NoFlush
    {
        readonly get => Get(FileInfoBits.NoFlush);
        set => Set(FileInfoBits.NoFlush, value);
    }

    /// <summary>The write comes from the page cache (write-back), not directly from a caller.</summary>
    public readonly bool WritePage => Get(FileInfoBits.WritePage);

    /// <summary>In release/lock: the operation is a flush (release of locks on close).</summary>
    public readonly bool Flush => Get(FileInfoBits.Flush);

    /// <summary>In release: flock locks held under <see cref="LockOwner"/> must be released.</summary>
    public readonly bool FlockRelease => Get(FileInfoBits.FlockRelease);

    private readonly bool Get(int bit) => info != null && (info->bits & (1u << bit)) != 0;

    private readonly void Set(int bit, bool value)
    {
        var target = Required();
        target->bits = value ? target->bits | (1u << bit) : target->bits & ~(1u << bit);
    }

    private readonly fuse_file_info* Required() =>
        info != null ? info : throw new InvalidOperationException("This operation received no file info (FileInfo.IsPresent is false).");
}
