using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// Nodes created through the mount belong to the caller, as in a plain directory. A daemon running as root creates
/// them with the caller's gid as its filesystem gid, so the kernel applies the usual group rule (the parent's group
/// under a setgid directory, else the creator's), then hands the node to the caller's uid with fchown.
/// </summary>
/// <remarks>
/// Permission to create was already checked by the kernel against the caller (<c>default_permissions</c>, on whenever
/// other users can reach the mount). A daemon that is not root creates everything as itself, which for a private mount
/// is the caller.
/// </remarks>
internal static unsafe class Ownership
{
    /// <summary>Whether the daemon can give nodes away (it runs as root).</summary>
    public static readonly bool Privileged = LibC.geteuid() == 0;

    private const uint SetIdBits = LibC.S_ISUID | LibC.S_ISGID;

    /// <summary>Until disposed, nodes this thread creates get the caller's group (setfsgid is per thread).</summary>
    public static CreatorGroup AsCaller(FuseContext caller) =>
        Privileged && caller.Gid != 0 ? new CreatorGroup(LibC.setfsgid(caller.Gid)) : default;

    /// <summary>Gives the node at <paramref name="name"/> (not followed) to the caller's uid.</summary>
    /// <param name="mode">The mode it was created with: chown clears setuid/setgid on non-directories, so they are restored.</param>
    public static void GiveToCaller(int directory, byte* name, FuseContext caller, uint mode)
    {
        if (!Privileged || caller.Uid == 0)
        {
            return;
        }

        // Best effort: a source that cannot store owners (vfat, some network filesystems) keeps the daemon's.
        if (LibC.fchownat(directory, name, caller.Uid, uint.MaxValue, LibC.AT_SYMLINK_NOFOLLOW) == 0 &&
            (mode & SetIdBits) != 0 && (mode & LibC.S_IFMT) is not LibC.S_IFDIR and not 0xA000u)
        {
            LibC.fchmodat(directory, name, mode & 0xFFFu, 0);
        }
    }

    /// <summary>Gives the open file to the caller's uid.</summary>
    public static void GiveToCaller(int descriptor, FuseContext caller, uint mode)
    {
        if (!Privileged || caller.Uid == 0)
        {
            return;
        }

        if (LibC.fchown(descriptor, caller.Uid, uint.MaxValue) == 0 && (mode & SetIdBits) != 0)
        {
            LibC.fchmod(descriptor, mode & 0xFFFu);
        }
    }
}

/// <summary>The caller's gid as this thread's filesystem gid, until disposed.</summary>
internal readonly ref struct CreatorGroup
{
    // The previous fsgid plus one: a default value changes nothing.
    private readonly long previousPlusOne;

    public CreatorGroup(int previous) => previousPlusOne = (long)(uint)previous + 1;

    public void Dispose()
    {
        if (previousPlusOne != 0)
        {
            LibC.setfsgid((uint)(previousPlusOne - 1));
        }
    }
}
