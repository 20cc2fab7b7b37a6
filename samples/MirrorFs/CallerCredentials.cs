using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// The caller's uid and gid as this thread's filesystem ids, until disposed: checks such as
/// <c>faccessat(AT_EACCESS)</c> then answer for the caller, not for a root daemon. Changing the filesystem uid away
/// from 0 also drops the capabilities that bypass permission checks, and restoring it brings them back.
/// </summary>
/// <remarks>The daemon's supplementary groups stay in force; the caller's are not known to a high-level filesystem.</remarks>
internal readonly ref struct CallerCredentials
{
    private readonly bool changed;
    private readonly uint uid;
    private readonly uint gid;

    private CallerCredentials(uint uid, uint gid)
    {
        changed = true;
        this.uid = uid;
        this.gid = gid;
    }

    public static CallerCredentials Assume(FuseContext caller)
    {
        if (!Ownership.Privileged || (caller.Uid == 0 && caller.Gid == 0))
        {
            return default;
        }

        var previousGid = (uint)LibC.setfsgid(caller.Gid);
        var previousUid = (uint)LibC.setfsuid(caller.Uid);
        return new CallerCredentials(previousUid, previousGid);
    }

    public void Dispose()
    {
        if (changed)
        {
            LibC.setfsuid(uid);
            LibC.setfsgid(gid);
        }
    }
}
