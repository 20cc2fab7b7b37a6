using System;
using System.IO;
using System.Text;
using System.Threading;
using FuseGen;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// The in-process test filesystem: <c>/</c> holds <c>file</c> with the text given to the constructor. Two more
/// names misbehave on purpose: <c>/boom</c>'s getattr throws <see cref="InvalidOperationException"/> (a bug, to be
/// reported as a fault and answered EIO) and <c>/unsupported</c>'s throws <see cref="FuseException"/> with ENOTSUP
/// (an answer, not a fault). <c>/hang</c>'s getattr blocks until <see cref="ReleaseHang"/> is set: a stuck daemon.
/// </summary>
[FuseFileSystem]
internal sealed partial class ProbeFs
{
    public const string FileName = "file";

    private readonly byte[] content;

    public ProbeFs(string content) => this.content = Encoding.UTF8.GetBytes(content);

    /// <summary>Lets getattr of <c>/hang</c> return (ENOENT).</summary>
    public ManualResetEventSlim ReleaseHang { get; } = new(false);

    [Getattr]
    private Errno GetAttr(string path, ref Stat stat)
    {
        switch (path)
        {
            case "/":
                stat.Type = FileType.Directory;
                stat.Permissions = (UnixFileMode)0x1ED; // 0755
                stat.Links = 2;
                return Errno.None;
            case "/" + FileName:
                stat.Type = FileType.Regular;
                stat.Permissions = (UnixFileMode)0x124; // 0444
                stat.Links = 1;
                stat.Size = content.Length;
                return Errno.None;
            case "/boom":
                throw new InvalidOperationException("getattr of /boom is broken on purpose");
            case "/unsupported":
                throw new FuseException(Errno.ENOTSUP);
            case "/hang":
                ReleaseHang.Wait();
                return Errno.ENOENT;
            default:
                return Errno.ENOENT;
        }
    }

    [Readdir]
    private Errno ReadDir(string path, ref DirectoryFiller entries)
    {
        if (path != "/")
        {
            return Errno.ENOTDIR;
        }

        entries.Add(".");
        entries.Add("..");
        entries.Add(FileName);
        return Errno.None;
    }

    [Open]
    private Errno Open(string path, ref FuseGen.FileInfo file)
    {
        if (path != "/" + FileName)
        {
            return Errno.ENOENT;
        }

        return file.AccessMode == OpenFlags.ReadOnly ? Errno.None : Errno.EACCES;
    }

    [Read]
    private int Read(string path, Span<byte> buffer, long offset)
    {
        if (path != "/" + FileName)
        {
            return -(int)Errno.ENOENT;
        }

        if (offset >= content.Length)
        {
            return 0;
        }

        var count = Math.Min(content.Length - (int)offset, buffer.Length);
        content.AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }
}
