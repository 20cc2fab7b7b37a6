using System;
using System.Collections.Generic;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>A file, directory, link or special node of <see cref="InodeCoverageFs"/>; guarded by the filesystem's lock.</summary>
internal sealed class CoverageInode
{
    public CoverageInode(FileType type, uint permissions)
    {
        var now = TimeSpec.UtcNow;
        Attributes = new Stat { Type = type, Permissions = (System.IO.UnixFileMode)(permissions & 0xFFF), Links = type == FileType.Directory ? 2ul : 1ul };
        Attributes.SetAllTimes(now);
    }

    /// <summary>The attributes (size kept equal to <see cref="Data"/>'s length for files).</summary>
    public Stat Attributes;

    public byte[] Data { get; set; } = Array.Empty<byte>();

    public string? Target { get; init; }

    public Dictionary<string, CoverageInode> Children { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]> Xattrs { get; } = new(StringComparer.Ordinal);

    public bool IsDirectory => Attributes.Type == FileType.Directory;

    public void Resize(long length)
    {
        var data = Data;
        Array.Resize(ref data, checked((int)length));
        Data = data;
        Attributes.Size = length;
    }

    public InodeEntry Entry() => new(this, Attributes);
}
