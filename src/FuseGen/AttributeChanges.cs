using System.ComponentModel;
using System.IO;
using FuseGen.Marshalling;

namespace FuseGen;

/// <summary>
/// What a <see cref="SetattrAttribute"/> request changes (chmod, chown, truncate, utimensat), typed: each property is
/// null (or <see cref="TimeSpec.Omit"/>) when the request leaves that attribute alone. libfuse's <c>struct stat</c>
/// and <c>to_set</c> mask, read without allocating.
/// </summary>
/// <remarks>
/// <see cref="ApplyTo"/> applies every change to a <see cref="Stat"/> the way a local filesystem does (UTIME_NOW
/// resolved to the current time, the change time moved to now); an in-memory filesystem needs nothing else, apart
/// from resizing its data when <see cref="Size"/> is set.
/// </remarks>
public readonly struct AttributeChanges
{
    private const uint PermissionBits = 0xFFF; // 07777: permissions, setuid, setgid, sticky
    private const uint SetUid = 0x800;
    private const uint SetGid = 0x400;
    private readonly Stat values;

    /// <summary>The changes <paramref name="fields"/> names, with their new values in <paramref name="values"/> (as libfuse passes them).</summary>
    public AttributeChanges(ChangedAttributes fields, in Stat values)
    {
        Fields = fields;
        this.values = values;
    }

    /// <summary>Reads libfuse's <c>struct stat *attr</c> and <c>to_set</c>. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static unsafe AttributeChanges FromNative(void* attr, int toSet) =>
        new((ChangedAttributes)toSet, attr == null ? default : NativeStat.Read(attr));

    /// <summary>Every attribute the request changes.</summary>
    public ChangedAttributes Fields { get; }

    /// <summary>True when nothing is changed (a setattr the kernel sends only for its attributes).</summary>
    public bool IsEmpty => Fields == ChangedAttributes.None;

    /// <summary>The new raw <c>st_mode</c> (type bits included, as the kernel sends it), or null.</summary>
    public uint? Mode => Has(ChangedAttributes.Mode) ? values.Mode : null;

    /// <summary>The new permission bits (with setuid, setgid and sticky), or null.</summary>
    public UnixFileMode? Permissions => Has(ChangedAttributes.Mode) ? (UnixFileMode)(values.Mode & PermissionBits) : null;

    /// <summary>The new owner, or null.</summary>
    public uint? Uid => Has(ChangedAttributes.Uid) ? values.Uid : null;

    /// <summary>The new group, or null.</summary>
    public uint? Gid => Has(ChangedAttributes.Gid) ? values.Gid : null;

    /// <summary>The new size (truncate or extend), or null.</summary>
    public long? Size => Has(ChangedAttributes.Size) ? values.Size : null;

    /// <summary>The new access time: a time, <see cref="TimeSpec.Now"/> (UTIME_NOW), or <see cref="TimeSpec.Omit"/> when unchanged.</summary>
    public TimeSpec AccessTime => Time(ChangedAttributes.AccessTime, ChangedAttributes.AccessTimeNow, values.AccessTime);

    /// <summary>The new modification time: a time, <see cref="TimeSpec.Now"/> (UTIME_NOW), or <see cref="TimeSpec.Omit"/> when unchanged.</summary>
    public TimeSpec ModificationTime => Time(ChangedAttributes.ModificationTime, ChangedAttributes.ModificationTimeNow, values.ModificationTime);

    /// <summary>The new change time when the kernel gives one (writeback caching), or null.</summary>
    public TimeSpec? ChangeTime => Has(ChangedAttributes.ChangeTime) ? values.ChangeTime : null;

    /// <summary>True when <see cref="Fields"/> has every flag of <paramref name="fields"/>.</summary>
    public bool Has(ChangedAttributes fields) => (Fields & fields) == fields && fields != ChangedAttributes.None;

    /// <summary>
    /// Applies the changes to <paramref name="stat"/> as a local filesystem does: UTIME_NOW becomes the current time,
    /// the set-ID bits are cleared when asked, and the change time becomes the given one or, when anything changed,
    /// the current time. Only the attributes: a filesystem resizes its data itself.
    /// </summary>
    public void ApplyTo(ref Stat stat)
    {
        if (IsEmpty)
        {
            return;
        }

        var now = TimeSpec.UtcNow;
        if (Has(ChangedAttributes.Mode))
        {
            stat.Mode = (stat.Mode & ~PermissionBits) | (values.Mode & PermissionBits);
        }

        if (Has(ChangedAttributes.KillSuid))
        {
            stat.Mode &= ~SetUid;
        }

        if (Has(ChangedAttributes.KillSgid))
        {
            stat.Mode &= ~SetGid;
        }

        if (Has(ChangedAttributes.Uid))
        {
            stat.Uid = values.Uid;
        }

        if (Has(ChangedAttributes.Gid))
        {
            stat.Gid = values.Gid;
        }

        if (Has(ChangedAttributes.Size))
        {
            stat.Size = values.Size;
        }

        var access = AccessTime;
        if (!access.IsOmit)
        {
            stat.AccessTime = access.IsNow ? now : access;
        }

        var modification = ModificationTime;
        if (!modification.IsOmit)
        {
            stat.ModificationTime = modification.IsNow ? now : modification;
        }

        stat.ChangeTime = ChangeTime ?? now;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Fields}: mode {(Mode is { } mode ? System.Convert.ToString(mode, 8) : "-")}, uid {Uid?.ToString() ?? "-"}, gid {Gid?.ToString() ?? "-"}, size {Size?.ToString() ?? "-"}, atime {AccessTime}, mtime {ModificationTime}";

    private TimeSpec Time(ChangedAttributes set, ChangedAttributes now, TimeSpec value) =>
        Has(now) ? TimeSpec.Now : Has(set) ? value : TimeSpec.Omit;
}
