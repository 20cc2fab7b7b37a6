using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FuseGen.Tests.Native;
using Xunit;

namespace FuseGen.Tests;

/// <summary><see cref="Errno"/> against the kernel's asm-generic errno headers.</summary>
public sealed partial class ErrnoTests
{
    /// <summary>Errno members that are C library names, not kernel defines.</summary>
    private static readonly HashSet<string> LibraryAliases = new() { nameof(Errno.None), nameof(Errno.ENOTSUP), nameof(Errno.ENOATTR) };

    [NativeFact(NativeNeeds.KernelHeaders)]
    public void Every_kernel_errno_has_the_same_value()
    {
        var defines = KernelErrnos();
        Assert.True(defines.Count > 130, $"only {defines.Count} errno defines found in the kernel headers");

        var problems = new List<string>();
        foreach (var (name, value) in defines)
        {
            if (!Enum.TryParse<Errno>(name, ignoreCase: false, out var member) || !Enum.IsDefined(member))
            {
                problems.Add($"{name} ({value}) is missing from Errno");
            }
            else if ((int)Enum.Parse<Errno>(name) != value)
            {
                problems.Add($"{name}: kernel {value}, Errno {(int)member}");
            }
        }

        foreach (var name in Enum.GetNames<Errno>().Where(n => !defines.ContainsKey(n) && !LibraryAliases.Contains(n)))
        {
            problems.Add($"Errno.{name} is not in the kernel headers");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Library_aliases_have_the_Linux_values()
    {
        Assert.Equal(95, (int)Errno.ENOTSUP);
        Assert.Equal(95, (int)Errno.EOPNOTSUPP);
        Assert.Equal(61, (int)Errno.ENOATTR);
        Assert.Equal(61, (int)Errno.ENODATA);
        Assert.Equal(0, (int)Errno.None);
    }

    /// <summary>Every <c>#define E... value</c> of errno-base.h and errno.h, aliases resolved.</summary>
    private static Dictionary<string, int> KernelErrnos()
    {
        var defines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var header in new[] { NativeToolchain.ErrnoBaseHeader, NativeToolchain.ErrnoHeader })
        {
            foreach (var line in File.ReadLines(header))
            {
                var match = Define().Match(line);
                if (!match.Success)
                {
                    continue;
                }

                var value = match.Groups["value"].Value;
                defines.Add(match.Groups["name"].Value, char.IsAsciiDigit(value[0]) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : defines[value]);
            }
        }

        return defines;
    }

    [GeneratedRegex(@"^#define\s+(?<name>E[A-Z0-9]+)\s+(?<value>[0-9]+|E[A-Z0-9]+)\b")]
    private static partial Regex Define();
}
