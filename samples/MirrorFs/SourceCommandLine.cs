using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// The command line of a pass-through: <c>NAME SOURCE MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]</c> or
/// <c>NAME MOUNTPOINT -o source=SOURCE[,opt...]</c> (as libfuse's passthrough_ll), the source opened once, and the
/// mount options a mirror starts from.
/// </summary>
internal static unsafe class SourceCommandLine
{
    private const string SourceOption = "source=";

    /// <summary>
    /// The arguments without the source directory, which is the value of <c>-o source=</c> (taken out of its list,
    /// since libfuse 3.15+ refuses options it does not know) or else the first argument that is neither an option
    /// nor the value of -o; null when there is none.
    /// </summary>
    public static string[] TakeSource(string[] args, out string? source)
    {
        source = null;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var list = args[i] == "-o" && i + 1 < args.Length ? args[i + 1] : args[i].StartsWith("-o", StringComparison.Ordinal) && args[i].Length > 2 ? args[i].Substring(2) : null;
            if (list is null)
            {
                rest.Add(args[i]);
                continue;
            }

            var kept = new List<string>();
            foreach (var option in list.Split(','))
            {
                if (option.StartsWith(SourceOption, StringComparison.Ordinal))
                {
                    source = option.Substring(SourceOption.Length);
                }
                else
                {
                    kept.Add(option);
                }
            }

            if (kept.Count > 0)
            {
                rest.Add("-o");
                rest.Add(string.Join(',', kept));
            }

            i += args[i] == "-o" ? 1 : 0;
        }

        if (source is null)
        {
            var index = FirstPositional(rest);
            if (index >= 0)
            {
                source = rest[index];
                rest.RemoveAt(index);
            }
        }

        return rest.ToArray();
    }

    /// <summary>Whether a -o list asks for allow_other.</summary>
    public static bool SharedWithOthers(string[] args)
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

    /// <summary>Opens the source directory (<c>O_PATH|O_DIRECTORY</c>); -1 after telling why not.</summary>
    public static int Open(string program, string source)
    {
        int fd;
        fixed (byte* name = Encoding.UTF8.GetBytes(source + "\0"))
        {
            fd = LibC.openat(LibC.AT_FDCWD, name, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Console.Error.WriteLine($"{program}: cannot open source '{source}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        return fd;
    }

    /// <summary>The absolute path of the source as given.</summary>
    public static string FullPath(string source) => Path.GetFullPath(source);

    /// <summary>
    /// When other users can reach the mount (allow_other), the kernel checks their permissions from the mirrored mode
    /// bits (default_permissions), as the daemon may be root. Otherwise only the user who mounted can enter it, and
    /// the source checks that user's own credentials on every call the daemon makes for them, as in passthrough_fh;
    /// default_permissions would only add a GETATTR for every directory of every path the kernel walks, since
    /// attributes are never cached (on create, ten times the requests). -o default_permissions still turns it on.
    /// use_ino passes the source's inode numbers; nothing is cached, because the source can change behind the mount's
    /// back (as in passthrough_fh). The command line can change the timeouts (-o attr_timeout=1, ...).
    /// </summary>
    public static MountOptions Defaults(string source, bool sharedWithOthers, string subtype) => new()
    {
        DefaultPermissions = sharedWithOthers,
        UseIno = true,
        EntryTimeout = 0,
        AttrTimeout = 0,
        NegativeTimeout = 0,
        FileSystemName = source,
        Subtype = subtype,
    };

    /// <summary>The first argument that is neither an option nor the value of -o.</summary>
    private static int FirstPositional(List<string> args)
    {
        for (var i = 0; i < args.Count; i++)
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
