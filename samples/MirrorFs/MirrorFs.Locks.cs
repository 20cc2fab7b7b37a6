using FuseGen;
using MirrorFs.Interop;
using FileInfo = FuseGen.FileInfo;

namespace MirrorFs;

/// <summary>Locks: POSIX record locks per caller process (<see cref="PosixLockTable"/>) and BSD flock per open file.</summary>
internal sealed partial class MirrorFs
{
    [Lock]
    private Errno Lock(ref FileInfo info, OpenFile file, LockCommand command, ref FileLock lockInfo) =>
        locks.Apply(file, info.LockOwner, command, ref lockInfo);

    /// <summary>
    /// flock locks belong to an open file description, and every open through the mount has its own source
    /// descriptor, so flock on that descriptor has exactly flock's semantics.
    /// </summary>
    [Flock]
    private static Errno Flock(OpenFile file, int operation) => LibC.Check(LibC.flock(file.Descriptor, operation));
}
