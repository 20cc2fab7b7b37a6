using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using FuseGen.Interop;
using FuseGen.Interop.Native;
using FuseGen.Tests.Native;
using Xunit;

namespace FuseGen.Tests;

/// <summary>
/// <see cref="OpenFlags"/> against the kernel's own encoding (Native/openflags.c, from &lt;asm/fcntl.h&gt;), for the
/// host and for arm64, and <see cref="FileInfo"/>'s conversion of the flags libfuse passes.
/// </summary>
public sealed unsafe class OpenFlagsTests
{
    /// <summary>Each flag openflags.c prints, with the OpenFlags value that must stand for it.</summary>
    private static readonly Dictionary<string, OpenFlags> Members = new(StringComparer.Ordinal)
    {
        ["O_RDONLY"] = OpenFlags.ReadOnly,
        ["O_WRONLY"] = OpenFlags.WriteOnly,
        ["O_RDWR"] = OpenFlags.ReadWrite,
        ["O_ACCMODE"] = OpenFlags.AccessModeMask,
        ["O_CREAT"] = OpenFlags.Create,
        ["O_EXCL"] = OpenFlags.Exclusive,
        ["O_NOCTTY"] = OpenFlags.NoControllingTerminal,
        ["O_TRUNC"] = OpenFlags.Truncate,
        ["O_APPEND"] = OpenFlags.Append,
        ["O_NONBLOCK"] = OpenFlags.NonBlocking,
        ["O_DSYNC"] = OpenFlags.DataSync,
        ["O_DIRECT"] = OpenFlags.Direct,
        ["O_LARGEFILE"] = OpenFlags.LargeFile,
        ["O_DIRECTORY"] = OpenFlags.Directory,
        ["O_NOFOLLOW"] = OpenFlags.NoFollow,
        ["O_NOATIME"] = OpenFlags.NoAccessTime,
        ["O_CLOEXEC"] = OpenFlags.CloseOnExec,
        ["O_SYNC"] = OpenFlags.Sync,
    };

    [NativeFact(NativeNeeds.Gcc | NativeNeeds.FuseHeaders)]
    public void Every_flag_of_the_host_kernel_reads_as_its_OpenFlags_member()
    {
        AssertEveryFlagConverts(KernelFlags(arm64: false), NativeOpenFlags.FromKernel);
    }

    [NativeFact(NativeNeeds.Gcc | NativeNeeds.FuseHeaders | NativeNeeds.Arm64)]
    public void Every_flag_of_the_arm64_kernel_reads_as_its_OpenFlags_member()
    {
        var arm64 = KernelFlags(arm64: true);
        AssertEveryFlagConverts(arm64, value => (OpenFlags)NativeOpenFlags.SwapGenericAndX86_64(value));

        // The four flags that make the conversion necessary really differ.
        Assert.NotEqual((int)OpenFlags.Directory, arm64["O_DIRECTORY"]);
        Assert.NotEqual((int)OpenFlags.LargeFile, arm64["O_LARGEFILE"]);
    }

    [Fact]
    public void The_arm64_conversion_is_its_own_inverse_and_keeps_every_other_bit()
    {
        foreach (var value in new[] { 0, 0x3C000, 0x4000, 0x8000, 0x10000, 0x20000, 0x1C443, unchecked((int)0xFFFFFFFF), 0x7FFC3FFF })
        {
            var swapped = NativeOpenFlags.SwapGenericAndX86_64(value);
            Assert.Equal(value, NativeOpenFlags.SwapGenericAndX86_64(swapped));
            Assert.Equal(value & ~0x3C000, swapped & ~0x3C000);
        }
    }

    [Fact]
    public void File_info_gives_converted_flags_and_the_kernel_value_unchanged()
    {
        // O_RDWR | O_APPEND | O_NOATIME and the LargeFile bit the kernel always sets, in this architecture's encoding.
        var expected = OpenFlags.ReadWrite | OpenFlags.Append | OpenFlags.NoAccessTime | OpenFlags.LargeFile;
        var native = RuntimeInformation.ProcessArchitecture == Architecture.Arm64
            ? NativeOpenFlags.SwapGenericAndX86_64((int)expected)
            : (int)expected;
        var info = new fuse_file_info { flags = native };

        var file = FileInfo.FromNative(&info);

        Assert.Equal(expected, file.Flags);
        Assert.Equal(OpenFlags.ReadWrite, file.AccessMode);
        Assert.Equal(native, file.NativeFlags);
        Assert.Equal(0, FileInfo.FromNative(null).NativeFlags);
    }

    private static void AssertEveryFlagConverts(Dictionary<string, int> kernel, Func<int, OpenFlags> convert)
    {
        Assert.Equal(Members.Count, kernel.Count);
        foreach (var (name, member) in Members)
        {
            Assert.True(kernel.TryGetValue(name, out var value), $"openflags.c printed no {name}");
            Assert.True(convert(value) == member, $"{name} is {value:x} in the kernel, reads as {convert(value)} ({(int)convert(value):x}), not {member} ({(int)member:x})");
        }
    }

    private static Dictionary<string, int> KernelFlags(bool arm64)
    {
        var output = NativeToolchain.CompileAndRun(Path.Combine(AppContext.BaseDirectory, "Native", "openflags.c"), arm64);
        var flags = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ');
            Assert.True(words.Length == 3 && words[0] == "flag", $"openflags.c printed an unknown line: '{line}'");
            flags.Add(words[1], int.Parse(words[2], NumberStyles.None, CultureInfo.InvariantCulture));
        }

        return flags;
    }
}
