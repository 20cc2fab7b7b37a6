using System.Threading;
using FuseGen;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// An empty root directory whose init asks for capabilities through <see cref="FuseConnectionInfo"/> the same way on
/// every libfuse version, and records what the connection offered and granted.
/// </summary>
[FuseFileSystem]
internal sealed partial class CapabilityFs
{
    private readonly FuseCapabilities requested;

    public CapabilityFs(FuseCapabilities requested) => this.requested = requested;

    public FuseCapabilities Capable { get; private set; }

    public FuseCapabilities Granted { get; private set; }

    public bool AllGranted { get; private set; }

    public uint MaxRead { get; private set; }

    public ManualResetEventSlim Initialized { get; } = new(false);

    [Init]
    private void Init(FuseConnectionInfo connection)
    {
        Capable = connection.Capable;
        AllGranted = connection.TryEnable(requested);
        Granted = connection.Want;
        MaxRead = connection.MaxRead;
        Initialized.Set();
    }

    [Getattr]
    private static Errno GetAttr(string path, ref Stat stat)
    {
        if (path != "/")
        {
            return Errno.ENOENT;
        }

        stat.Type = FileType.Directory;
        stat.Permissions = (System.IO.UnixFileMode)0x1ED; // 0755
        stat.Links = 2;
        return Errno.None;
    }
}
