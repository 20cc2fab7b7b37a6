using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary><c>MirrorFs SOURCE MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]</c></summary>
internal static unsafe class Program
{
    private const string Usage = "usage: MirrorFs SOURCE MOUNTPOINT [--passthrough] [-f] [-d] [-s] [-o opt[,opt...]]";

    private static int Main(string[] args)
    {
        if (Array.Exists(args, a => a is "-h" or "--help" or "-V" or "--version"))
        {
            Console.WriteLine(Usage);
            Console.WriteLine("Mirrors the directory SOURCE at MOUNTPOINT; default_permissions and use_ino are on.");
            Console.WriteLine("--passthrough: the kernel reads and writes files straight from SOURCE where it can (libfuse 3.17+, root).");
            return Fuse.Main(new MirrorFs(-1), args);
        }

        // Not a libfuse option (libfuse 3.15+ refuses options it does not know): MirrorFs's own.
        var passthrough = Array.IndexOf(args, "--passthrough") >= 0;
        args = Array.FindAll(args, a => a != "--passthrough");
        var sourceIndex = FindSource(args);
        if (sourceIndex < 0)
        {
            Console.Error.WriteLine("MirrorFs: no source directory given (" + Usage + ")");
            return 1;
        }

        var source = Path.GetFullPath(args[sourceIndex]);
        var sourceName = Encoding.UTF8.GetBytes(source + "\0");
        int fd;
        fixed (byte* name = sourceName)
        {
            fd = LibC.openat(LibC.AT_FDCWD, name, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Console.Error.WriteLine($"MirrorFs: cannot open source '{source}': {Marshal.GetPInvokeErrorMessage(errno)}");
            return 1;
        }

        // Modes arrive with the caller's umask already applied; the daemon's own must not mask them again.
        LibC.umask(0);

        var rest = new string[args.Length - 1];
        Array.Copy(args, rest, sourceIndex);
        Array.Copy(args, sourceIndex + 1, rest, sourceIndex, args.Length - sourceIndex - 1);
        return Fuse.Main(new MirrorFs(fd) { Passthrough = passthrough }, rest, Defaults(source));
    }

    /// <summary>
    /// The kernel checks permissions from the mirrored mode bits (the daemon may be root); use_ino passes the source's
    /// inode numbers; nothing is cached, because the source can change behind the mount's back (as in passthrough_fh).
    /// The command line can change the timeouts (-o attr_timeout=1, ...).
    /// </summary>
    private static MountOptions Defaults(string source) => new()
    {
        DefaultPermissions = true,
        UseIno = true,
        EntryTimeout = 0,
        AttrTimeout = 0,
        NegativeTimeout = 0,
        FileSystemName = source,
        Subtype = "mirrorfs",
    };

    /// <summary>The first argument that is neither an option nor the value of -o.</summary>
    private static int FindSource(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "-o")
            {
                i++;
            }
            else if (!args[i].StartsWith('-') || args[i] == "-")
            {
                return i;
            }
        }

        return -1;
    }
}
