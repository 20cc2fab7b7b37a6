using System;
using System.ComponentModel;
using System.Text;
using FuseGen.Interop;

namespace FuseGen;

/// <summary>
/// Where <see cref="ReaddirAttribute"/> puts directory entries: libfuse's filler over its reply buffer.
/// </summary>
/// <remarks>
/// <para>Two forms, never mixed in one listing. Simple: ignore the offset and add every entry with
/// <c>nextOffset</c> 0; libfuse pages the result. Stateful: give each entry the (non-zero) offset of the entry after
/// it, resume after the offset the request carries, and stop when <see cref="Add(ReadOnlySpan{byte}, long)"/> returns
/// false because the buffer is full.</para>
/// <para>Entries are passed to libfuse immediately; names are copied, so any span will do.</para>
/// </remarks>
public readonly unsafe ref struct DirectoryFiller
{
    private const int FillDirPlus = 2;
    private const int MaxNameLength = 1024;

    private readonly void* buffer;

    // A normal GC transition, not SuppressGCTransition: libfuse's fill_dir allocates, and with readdirplus or
    // readdir_ino it looks the entry up under fuse->lock, so it can block, which a suppressed-transition callee must
    // never do (a thread blocked in cooperative mode holds up every GC). It also lets the filler be managed code.
    private readonly delegate* unmanaged[Cdecl]<void*, byte*, void*, long, int, int> filler;
    private readonly ReaddirFlags flags;

    private DirectoryFiller(void* buffer, void* filler, ReaddirFlags flags)
    {
        this.buffer = buffer;
        this.filler = (delegate* unmanaged[Cdecl]<void*, byte*, void*, long, int, int>)filler;
        this.flags = flags;
    }

    /// <summary>Wraps libfuse's buffer and <c>fuse_fill_dir_t</c>. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static DirectoryFiller FromNative(void* buffer, void* filler, int flags) => new(buffer, filler, (ReaddirFlags)flags);

    /// <summary>True when the kernel asked for readdirplus: entries added with a <see cref="Stat"/> then carry full attributes.</summary>
    public bool IsPlus => (flags & ReaddirFlags.Plus) != 0;

    /// <summary>Adds an entry by name (UTF-8). Returns false when the reply buffer is full.</summary>
    /// <param name="name">Entry name, without '/' or NUL.</param>
    /// <param name="nextOffset">0 for the simple form; otherwise the offset at which a later call resumes after this entry.</param>
    public bool Add(ReadOnlySpan<byte> name, long nextOffset = 0) => Fill(name, null, nextOffset, 0);

    /// <summary>
    /// Adds an entry with attributes. libfuse takes its type (and inode with use_ino); with readdirplus
    /// (<see cref="IsPlus"/>) the kernel caches all of them, so pass complete attributes.
    /// </summary>
    public bool Add(ReadOnlySpan<byte> name, in Stat stat, long nextOffset = 0)
    {
        var native = stackalloc byte[NativeStat.MaxSize];
        NativeStat.Write(in stat, native);
        return Fill(name, native, nextOffset, IsPlus ? FillDirPlus : 0);
    }

    /// <summary>
    /// Adds an entry with its type only (what <c>ls</c> and <c>find</c> read from d_type), the cheapest form for large
    /// directories: no attributes are converted. Returns false when the reply buffer is full.
    /// </summary>
    public bool Add(ReadOnlySpan<byte> name, FileType type, long nextOffset = 0) => Fill(name, NativeStat.OfType(type), nextOffset, 0);

    /// <summary>Adds an entry by name. Returns false when the reply buffer is full.</summary>
    public bool Add(string name, long nextOffset = 0) => Add(Utf8(name), nextOffset);

    /// <summary>Adds an entry with attributes; see <see cref="Add(ReadOnlySpan{byte}, in Stat, long)"/>.</summary>
    public bool Add(string name, in Stat stat, long nextOffset = 0) => Add(Utf8(name), in stat, nextOffset);

    private static ReadOnlySpan<byte> Utf8(string name) => Encoding.UTF8.GetBytes(name ?? throw new ArgumentNullException(nameof(name)));

    private bool Fill(ReadOnlySpan<byte> name, void* stat, long nextOffset, int fillFlags)
    {
        if (name.Length > MaxNameLength)
        {
            throw new FuseException(Errno.ENAMETOOLONG, "directory entry name longer than " + MaxNameLength + " bytes");
        }

        if (name.IndexOf((byte)0) >= 0)
        {
            throw new ArgumentException("A directory entry name cannot contain NUL.", nameof(name));
        }

        var terminated = stackalloc byte[name.Length + 1];
        name.CopyTo(new Span<byte>(terminated, name.Length));
        terminated[name.Length] = 0;
        return filler(buffer, terminated, stat, nextOffset, fillFlags) == 0;
    }
}
