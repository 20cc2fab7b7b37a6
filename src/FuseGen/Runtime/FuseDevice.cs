using FuseGen.Interop;

namespace FuseGen.Runtime;

/// <summary>What the <c>/dev/fuse</c> descriptor of a libfuse session says about its connection.</summary>
internal static unsafe class FuseDevice
{
    /// <summary>
    /// True when the kernel has ended the connection of <paramref name="session"/> (unmounted, aborted): its
    /// descriptor then polls POLLERR, which is what libfuse's own unmount checks (<c>fuse_kern_unmount</c>). Does not
    /// block. The session must be alive (not destroyed).
    /// </summary>
    public static bool HasEnded(void* session)
    {
        var fd = LibFuse.fuse_session_fd(session);
        if (fd < 0)
        {
            return true;
        }

        var poll = new LibC.PollFd { fd = fd };
        return LibC.poll(&poll, 1, 0) == 1 && (poll.revents & LibC.POLLERR) != 0;
    }
}
