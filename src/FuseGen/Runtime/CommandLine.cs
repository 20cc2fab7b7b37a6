using System;
using System.Collections.Generic;
using System.Globalization;

namespace FuseGen.Runtime;

/// <summary>
/// The usual FUSE command line: <c>MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]</c>, plus <c>-h</c> and <c>-V</c>.
/// FuseGen always stays in the foreground (a .NET process cannot fork), so <c>-f</c> is accepted and implied.
/// </summary>
internal sealed class CommandLine
{
    public string? MountPoint { get; private set; }

    public MountOptions Options { get; private set; } = new();

    public bool ShowHelp { get; private set; }

    public bool ShowVersion { get; private set; }

    /// <summary>True for <c>--doctor</c>: check the machine instead of mounting.</summary>
    public bool ShowDoctor { get; private set; }

    /// <summary>Parses; throws <see cref="FormatException"/> with a one-line message on bad usage.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, MountOptions? defaults = null)
    {
        var line = new CommandLine();
        if (defaults is not null)
        {
            line.Options = defaults.Clone();
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-f":
                case "--foreground":
                    break;
                case "-d":
                case "--debug":
                    line.Options.Debug = true;
                    break;
                case "-s":
                    line.Options.SingleThreaded = true;
                    break;
                case "-h":
                case "--help":
                    line.ShowHelp = true;
                    break;
                case "-V":
                case "--version":
                    line.ShowVersion = true;
                    break;
                case "--doctor":
                    line.ShowDoctor = true;
                    break;
                case "-o":
                    if (i + 1 >= args.Count)
                    {
                        throw new FormatException("option '-o' needs a value");
                    }

                    line.AddOptions(args[++i]);
                    break;
                default:
                    if (arg.StartsWith("-o", StringComparison.Ordinal))
                    {
                        line.AddOptions(arg.Substring(2));
                    }
                    else if (arg.StartsWith("-", StringComparison.Ordinal) && arg.Length > 1)
                    {
                        throw new FormatException($"unknown option '{arg}'");
                    }
                    else if (line.MountPoint is null)
                    {
                        line.MountPoint = arg;
                    }
                    else
                    {
                        throw new FormatException($"unexpected argument '{arg}' (the mount point is '{line.MountPoint}')");
                    }

                    break;
            }
        }

        return line;
    }

    private void AddOptions(string list)
    {
        foreach (var option in SplitOptions(list))
        {
            var equals = option.IndexOf('=');
            var name = equals < 0 ? option : option.Substring(0, equals);
            var value = equals < 0 ? null : option.Substring(equals + 1);
            switch (name)
            {
                case "debug":
                    Options.Debug = true;
                    break;
                case "clone_fd":
                    Options.CloneFd = true;
                    break;
                case "max_idle_threads":
                    Options.MaxIdleThreads = Number(name, value);
                    break;
                case "max_threads":
                    Options.MaxThreads = Number(name, value);
                    break;
                case "fsname" when value is not null:
                    Options.FileSystemName = Unescape(value);
                    break;
                case "subtype" when value is not null:
                    Options.Subtype = Unescape(value);
                    break;
                case "clear_stale":
                    Options.ClearStaleMount = true;
                    break;
                case "nonempty":
                    // libfuse 2 needed it to mount over a non-empty directory; libfuse 3 always allows that.
                    break;
                case "use_ino" when value is null:
                    // libfuse 2 options that libfuse 3 only takes in fuse_config: FuseGen sets them there.
                    Options.UseIno = true;
                    break;
                case "direct_io" when value is null:
                    Options.DirectIo = true;
                    break;
                case "writeback_cache" when value is null:
                    // libfuse 3 takes these only in fuse_conn_info (fuse_new rejects them): FuseGen sets them at init.
                    Options.WritebackCache = true;
                    break;
                case "no_writeback_cache" when value is null:
                    Options.WritebackCache = false;
                    break;
                case "max_write":
                    Options.MaxWrite = Number(name, value);
                    break;
                case "" when value is null:
                    // Empty entries of a list (",ro,,allow_other,") are harmless.
                    break;
                case "":
                    throw new FormatException($"malformed option '{option}': nothing before '='");
                default:
                    Options.Options.Add(option);
                    break;
            }
        }
    }

    private static int Number(string name, string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"option '{name}' needs a positive number, not '{value}'");

    // MountOptions escapes again when it builds libfuse's option list.
    private static string Unescape(string value) => value.Replace("\\,", ",").Replace("\\\\", "\\");

    // Splits at commas not protected by a backslash; the escapes stay for libfuse to remove.
    private static IEnumerable<string> SplitOptions(string list)
    {
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] == '\\')
            {
                i++;
            }
            else if (list[i] == ',')
            {
                yield return list.Substring(start, i - start);
                start = i + 1;
            }
        }

        yield return list.Substring(start);
    }
}
