using System;
using FuseGen;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// <c>MirrorFs SOURCE MOUNTPOINT [--passthrough] [-f] [-d] [-s] [-o opt[,opt...]]</c> (or <c>-o source=SOURCE</c>);
/// <c>--passthrough</c>: the kernel reads and writes files straight from SOURCE where the connection allows it
/// (libfuse 3.17+, root).
/// </summary>
internal static class Program
{
    private const string Arguments = "SOURCE MOUNTPOINT";

    private static int Main(string[] args)
    {
        // Not a libfuse option (libfuse 3.15+ refuses options it does not know): MirrorFs's own.
        var passthrough = Array.IndexOf(args, "--passthrough") >= 0;
        args = Array.FindAll(args, a => a != "--passthrough");
        var rest = SourceCommandLine.TakeSource(args, out var sourceArgument);
        if (Array.Exists(args, a => a is "-h" or "--help" or "-V" or "--version"))
        {
            // Help and versions come from Fuse.Main, which shows this program's own usage line.
            return Fuse.Main(new MirrorFs(-1), rest, null, Arguments);
        }

        if (sourceArgument is null)
        {
            Console.Error.WriteLine($"MirrorFs: no source directory given (usage: MirrorFs {Arguments} [-f] [-d] [-s] [-o opt[,opt...]])");
            return 1;
        }

        var source = SourceCommandLine.FullPath(sourceArgument);
        var fd = SourceCommandLine.Open("MirrorFs", source);
        if (fd < 0)
        {
            return 1;
        }

        // Modes arrive with the caller's umask already applied; the daemon's own must not mask them again.
        LibC.umask(0);

        var defaults = SourceCommandLine.Defaults(source, SourceCommandLine.SharedWithOthers(rest), "mirrorfs");
        if (SplicedReads.MaxRead() is { } maxRead)
        {
            defaults.Options.Add($"max_read={maxRead}");
        }

        return Fuse.Main(new MirrorFs(fd) { Passthrough = passthrough }, rest, defaults, Arguments);
    }
}
