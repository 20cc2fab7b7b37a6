using System;
using FuseGen;
using MirrorFs;
using MirrorFs.Interop;

namespace InodeMirrorFs;

/// <summary><c>InodeMirrorFs SOURCE MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]</c>, or <c>-o source=SOURCE</c> as passthrough_ll takes it.</summary>
internal static class Program
{
    private const string Arguments = "SOURCE MOUNTPOINT";

    private static int Main(string[] args)
    {
        var rest = SourceCommandLine.TakeSource(args, out var sourceArgument);
        if (Array.Exists(args, a => a is "-h" or "--help" or "-V" or "--version"))
        {
            // Help and versions come from Fuse.Main, which shows this program's own usage line.
            return Fuse.Main(new InodeMirrorFs(-1), rest, null, Arguments);
        }

        if (sourceArgument is null)
        {
            Console.Error.WriteLine($"InodeMirrorFs: no source directory given (usage: InodeMirrorFs {Arguments} [-f] [-d] [-s] [-o opt[,opt...]], or -o source=SOURCE)");
            return 1;
        }

        var source = SourceCommandLine.FullPath(sourceArgument);
        var fd = SourceCommandLine.Open("InodeMirrorFs", source);
        if (fd < 0)
        {
            return 1;
        }

        // Modes arrive with the caller's umask already applied; the daemon's own must not mask them again.
        LibC.umask(0);

        var defaults = SourceCommandLine.Defaults(source, SourceCommandLine.SharedWithOthers(rest), "inodemirrorfs");
        return Fuse.Main(new InodeMirrorFs(fd), rest, defaults, Arguments);
    }
}
