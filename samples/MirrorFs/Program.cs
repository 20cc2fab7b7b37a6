using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// <c>MirrorFs SOURCE MOUNTPOINT [--passthrough] [-f] [-d] [-s] [-o opt[,opt...]]</c>; <c>--passthrough</c>: the
/// kernel reads and writes files straight from SOURCE where the connection allows it (libfuse 3.17+, root).
/// </summary>
internal static unsafe class Program
{
    private const string Arguments = "SOURCE MOUNTPOINT";

    private static int Main(string[] args)
    {
        // Not a libfuse option (libfuse 3.15+ refuses options it does not know): MirrorFs's own.
        var passthrough = Array.IndexOf(args, "--passthrough") >= 0;
        args = Array.FindAll(args, a => a != "--passthrough");
        var sourceIndex = FindSource(args);
        if (Array.Exists(args, a => a is "-h" or "--help" or "-V" or "--version"))
        {
            // Help and versions come from Fuse.Main, which shows this program's own usage line.
            return Fuse.Main(new MirrorFs(-1), sourceIndex < 0 ? args : WithoutSource(args, sourceIndex), null, Arguments);
        }

        if (sourceIndex < 0)
        {
            Console.Error.WriteLine($"MirrorFs: no source directory given (usage: MirrorFs {Arguments} [-f] [-d] [-s] [-o opt[,opt...]])");
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

        var rest = WithoutSource(args, sourceIndex);
        return Fuse.Main(new MirrorFs(fd) { Passthrough = passthrough }, rest, Defaults(source, SharedWithOthers(rest)), Arguments);
    }

    private static string[] WithoutSource(string[] args, int sourceIndex)
    {
        var rest = new string[args.Length - 1];
        Array.Copy(args, rest, sourceIndex);
        Array.Copy(args, sourceIndex + 1, rest, sourceIndex, args.Length - sourceIndex - 1);
        return rest;
    }

    /// <summary>
    /// When other users can reach the mount (allow_other), the kernel checks their permissions from the mirrored mode
    /// bits (default_permissions), as the daemon may be root. Otherwise only the user who mounted can enter it, and
    /// the source checks that user's own credentials on every call the daemon makes for them, as in passthrough_fh;
    /// default_permissions would only add a GETATTR for every directory of every path the kernel walks, since
    /// attributes are never cached (on create, ten times the requests). -o default_permissions still turns it on.
    /// use_ino passes the source's inode numbers; nothing is cached, because the source can change behind the mount's
    /// back (as in passthrough_fh). The command line can change the timeouts (-o attr_timeout=1, ...).
    /// </summary>
    private static MountOptions Defaults(string source, bool sharedWithOthers) => new()
    {
        DefaultPermissions = sharedWithOthers,
        UseIno = true,
        EntryTimeout = 0,
        AttrTimeout = 0,
        NegativeTimeout = 0,
        FileSystemName = source,
        Subtype = "mirrorfs",
    };

    /// <summary>Whether a -o list asks for allow_other.</summary>
    private static bool SharedWithOthers(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var list = args[i] == "-o" && i + 1 < args.Length ? args[++i] : args[i].StartsWith("-o", StringComparison.Ordinal) ? args[i].Substring(2) : null;
            if (list is not null && Array.IndexOf(list.Split(','), "allow_other") >= 0)
            {
                return true;
            }
        }

        return false;
    }

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
