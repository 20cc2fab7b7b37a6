using System;
using System.ComponentModel;
using System.Text;
using FuseGen.Interop;
using FuseGen.Marshalling;

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

    // A normal GC transition by default: a filler may block or be managed code (see LibFuseFiller), and a thread
    // blocked in cooperative mode would hold up every GC. libfuse's own filler, for plain entries, is called
    // without it, since that transition is most of the cost FuseGen adds per entry.
    private readonly delegate* unmanaged[Cdecl]<void*, byte*, void*, long, int, int> filler;
    private readonly ReaddirFlags flags;
    private readonly bool direct;

    private DirectoryFiller(void* buffer, void* filler, ReaddirFlags flags, bool direct)
    {
        this.buffer = buffer;
        this.filler = (delegate* unmanaged[Cdecl]<void*, byte*, void*, long, int, int>)filler;
        this.flags = flags;
        this.direct = direct;
    }

    /// <summary>Wraps libfuse's buffer and <c>fuse_fill_dir_t</c>. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static DirectoryFiller FromNative(void* buffer, void* filler, int flags) =>
        new(buffer, filler, (ReaddirFlags)flags, LibFuseFiller.AllowsDirectFill(filler));

    /// <summary>True when plain entries go to the filler without a GC transition (libfuse's own filler; see LibFuseFiller).</summary>
    internal bool SkipsTransition => direct;

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

        var terminated = stackalloc byte[name.Length + 1];
        if (!CopyTerminated(name, terminated))
        {
            throw new ArgumentException("A directory entry name cannot contain NUL.", nameof(name));
        }

        var status = direct && fillFlags == 0
            ? ((delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, byte*, void*, long, int, int>)filler)(buffer, terminated, stat, nextOffset, 0)
            : filler(buffer, terminated, stat, nextOffset, fillFlags);
        return status == 0;
    }

    /// <summary>Copies <paramref name="name"/> and a NUL to <paramref name="target"/>; false if the name holds a NUL.</summary>
    internal static bool CopyTerminated(ReadOnlySpan<byte> name, byte* target)
    {
        // Most names are a few bytes long: one scalar pass beats two calls into the vectorized search and copy.
        const int ScalarLimit = 16;
        if (name.Length <= ScalarLimit)
        {
            for (var i = 0; i < name.Length; i++)
            {
                var value = name[i];
                if (value == 0)
                {
                    return false;
                }

                target[i] = value;
            }
        }
        else
        {
            if (name.IndexOf((byte)0) >= 0)
            {
                return false;
            }

            name.CopyTo(new Span<byte>(target, name.Length));
        }

        target[name.Length] = 0;
        return true;
    }
}
