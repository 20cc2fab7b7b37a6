using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace FuseGen.Tests.Native;

/// <summary>What Native/layout.c printed: sizes, offsets and bit positions as the C compiler lays them out.</summary>
internal sealed class CLayout
{
    private static readonly Lazy<CLayout> Installed = new(() =>
        Parse(NativeToolchain.CompileAndRun(Path.Combine(AppContext.BaseDirectory, "Native", "layout.c"))));

    private static readonly Lazy<CLayout> Arm64 = new(() =>
        Parse(NativeToolchain.CompileAndRun(Path.Combine(AppContext.BaseDirectory, "Native", "layout.c"), arm64: true)));

    /// <summary>fuse_pkgversion() of the libfuse the program ran against.</summary>
    public string LibraryVersion { get; private set; } = "";

    /// <summary>FUSE_MAJOR_VERSION.FUSE_MINOR_VERSION of the headers.</summary>
    public string HeaderVersion { get; private set; } = "";

    public Dictionary<string, int> Sizes { get; } = new(StringComparer.Ordinal);

    /// <summary>Struct name to (member name to offset), in the order printed.</summary>
    public Dictionary<string, Dictionary<string, int>> Offsets { get; } = new(StringComparer.Ordinal);

    /// <summary>fuse_file_info bit-field to its lowest bit, counted from the word at offset 4.</summary>
    public Dictionary<string, int> FileInfoBits { get; } = new(StringComparer.Ordinal);

    /// <summary>Compiles and runs layout.c once per test run.</summary>
    public static CLayout FromInstalledHeaders() => Installed.Value;

    /// <summary>Compiles layout.c for arm64 (cross compiler, arm64 libfuse) and runs it under qemu-user, once per test run.</summary>
    public static CLayout FromArm64Headers() => Arm64.Value;

    public static CLayout Parse(string output)
    {
        var layout = new CLayout();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ');
            switch (words[0])
            {
                case "version":
                    layout.LibraryVersion = words[1];
                    break;
                case "headers":
                    layout.HeaderVersion = words[1];
                    break;
                case "size":
                    layout.Sizes.Add(words[1], Number(words[2]));
                    break;
                case "offset":
                    if (!layout.Offsets.TryGetValue(words[1], out var members))
                    {
                        layout.Offsets[words[1]] = members = new Dictionary<string, int>(StringComparer.Ordinal);
                    }

                    members.Add(words[2], Number(words[3]));
                    break;
                case "bit":
                    layout.FileInfoBits.Add(words[2], words[3] == "none" ? -1 : Number(words[3]));
                    break;
                default:
                    throw new FormatException($"layout.c printed an unknown line: '{line}'");
            }
        }

        return layout;
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
