using System.Runtime.CompilerServices;

namespace FuseGen.Testing;

/// <summary>
/// Gives every test process (and so every shell, setpriv and filesystem it starts) the usual umask 022. Tests check
/// the modes of nodes they create; under a CI shell with umask 077 the plain-directory control would differ from a
/// developer's machine, and the filesystems, which apply the caller's umask, would differ with it.
/// </summary>
internal static class ProcessUmask
{
    internal const uint Expected = 0x12; // 022

#pragma warning disable CA2255 // A test harness, not a library for apps: every test assembly loads it before its first test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply() => LibC.umask(Expected);
}
