using System;
using System.Collections.Generic;

namespace FuseGen.PosixTests.Targets;

/// <summary>Every target the suite runs on.</summary>
internal static class TargetCatalog
{
    public const string Control = "control";

    /// <summary>
    /// The mounted samples, by the name tests are reported under. To add one: a <see cref="MountedTarget"/> subclass,
    /// a line here, and a ProjectReference to the sample in the csproj.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Func<PosixTarget>> Mounted = new Dictionary<string, Func<PosixTarget>>
    {
        ["memfs"] = () => new MemFsTarget(),
        ["mirrorfs"] = () => new MirrorFsTarget(),
        ["inodememfs"] = () => new InodeMemFsTarget(),
        ["inodemirrorfs"] = () => new InodeMirrorFsTarget(),
    };

    public static PosixTarget Create(string name) =>
        name == Control ? new ControlTarget() : Mounted.TryGetValue(name, out var create) ? create() : throw new ArgumentException("unknown target " + name, nameof(name));
}
