using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace FuseGen.Tests.Trampolines;

/// <summary>
/// Instance methods (reached through fuse_context.private_data) in many shapes: Errno/int/void returns, span and
/// string paths, ref Stat, FileInfo by ref and by value, FuseContext, buffers, the directory filler.
/// Hot paths (getattr /file, read, write, readdir /thousand) must not allocate.
/// </summary>
[FuseFileSystem]
internal sealed partial class RecordingFs
{
    public const ulong OpenedHandle = 0xFEED_FACE_CAFE_BEEF;

    public static readonly Stat FileStat = CreateFileStat();

    public List<string> Calls { get; } = new();

    public string? LastStringPath { get; private set; }

    public OpenFlags LastOpenFlags { get; private set; }

    public FuseContext LastContext { get; private set; }

    public UnixFileMode LastMode { get; private set; }

    public bool LastFileInfoPresent { get; private set; }

    public ulong LastHandle { get; private set; }

    public bool LastFlush { get; private set; }

    public bool LastFlockRelease { get; private set; }

    public ulong LastLockOwner { get; private set; }

    public long BytesWritten { get; private set; }

    public byte LastWrittenByte { get; private set; }

    public bool LastIsPlus { get; private set; }

    public ReaddirFlags LastReaddirFlags { get; private set; }

    public long LastReaddirOffset { get; private set; }

    public int LastReaddirAdded { get; private set; }

    [Getattr]
    private Errno GetAttr(ReadOnlySpan<byte> path, ref Stat stat, FileInfo file)
    {
        if (path.SequenceEqual("/file"u8))
        {
            stat = FileStat;
            return Errno.None;
        }

        Calls.Add("getattr " + Encoding.UTF8.GetString(path));
        LastFileInfoPresent = file.IsPresent;
        LastHandle = file.Handle;
        switch (Encoding.UTF8.GetString(path))
        {
            case "/throw":
                throw new InvalidOperationException("getattr exploded");
            case "/notsup":
                throw new FuseException(Errno.ENOTSUP);
            case "/open-file":
                stat = FileStat;
                return Errno.None;
            default:
                // Must not reach the native buffer: the call fails.
                stat = FileStat;
                return Errno.ENOENT;
        }
    }

    [Mkdir]
    private int Mkdir(string path, UnixFileMode mode, FuseContext context)
    {
        Calls.Add("mkdir " + path);
        LastStringPath = path;
        LastMode = mode;
        LastContext = context;
        return path switch
        {
            "/exists" => -(int)Errno.EEXIST,
            "/seven" => 7,
            _ => 0,
        };
    }

    [Unlink]
    private void Unlink(ReadOnlySpan<byte> path)
    {
        Calls.Add("unlink " + Encoding.UTF8.GetString(path));
        if (path.SequenceEqual("/disk-full"u8))
        {
            throw new IOException("No space left on device", 28);
        }
    }

    [Open]
    private Errno Open(string path, ref FileInfo file, FuseContext context)
    {
        Calls.Add("open " + path);
        LastStringPath = path;
        LastOpenFlags = file.Flags;
        LastContext = context;
        file.Handle = OpenedHandle;
        file.DirectIo = true;
        file.NonSeekable = true;
        file.KeepCache = path.EndsWith("keep", StringComparison.Ordinal);
        file.NoFlush = false;
        return Errno.None;
    }

    [Read]
    private int Read(ReadOnlySpan<byte> path, Span<byte> buffer, long offset, FileInfo file)
    {
        LastHandle = file.Handle;
        buffer.Fill((byte)offset);
        return buffer.Length;
    }

    [Write]
    private int Write(ReadOnlySpan<byte> path, ReadOnlySpan<byte> data, long offset)
    {
        BytesWritten += data.Length;
        LastWrittenByte = data.IsEmpty ? (byte)0 : data[^1];
        return data.Length;
    }

    [Statfs]
    private void StatFs(ref StatVfs stat)
    {
        stat.BlockSize = 4096;
        stat.Blocks = 1000;
        stat.Files = 7;
    }

    [Release]
    private Errno Release(ReadOnlySpan<byte> path, FileInfo file)
    {
        Calls.Add("release " + Encoding.UTF8.GetString(path));
        LastHandle = file.Handle;
        LastFlush = file.Flush;
        LastFlockRelease = file.FlockRelease;
        LastLockOwner = file.LockOwner;
        return Errno.None;
    }

    /// <summary>The name lengths <c>/lengths</c> lists, one entry each (see <see cref="NameOfLength"/>).</summary>
    public static int[] NameLengths { get; } = [.. Enumerable.Range(1, 40), 255, 1024];

    /// <summary>A name of <paramref name="length"/> bytes: a byte pattern that differs at every position.</summary>
    public static byte[] NameOfLength(int length) => Enumerable.Range(0, length).Select(i => (byte)('a' + ((i + length) % 26))).ToArray();

    [Readdir]
    private Errno ReadDir(ReadOnlySpan<byte> path, ref DirectoryFiller entries, long offset, ReaddirFlags flags)
    {
        if (path.SequenceEqual("/thousand"u8))
        {
            for (var i = 0; i < 1000; i++)
            {
                entries.Add("an-entry-with-a-longish-name.txt"u8);
            }

            return Errno.None;
        }

        if (path.SequenceEqual("/typed"u8))
        {
            entries.Add("dir"u8, FileType.Directory);
            entries.Add("file"u8, FileType.Regular);
            entries.Add("link"u8, FileType.SymbolicLink);
            return Errno.None;
        }

        LastIsPlus = entries.IsPlus;
        LastReaddirFlags = flags;
        LastReaddirOffset = offset;
        LastReaddirAdded = 0;
        switch (Encoding.UTF8.GetString(path))
        {
            case "/":
                entries.Add("."u8);
                entries.Add(".."u8);
                entries.Add("plain"u8);
                entries.Add("with-stat"u8, in FileStat);
                entries.Add("ünïcödé");
                return Errno.None;
            case "/paged":
                // Stateful form: each entry carries the offset of the next; resume after the requested offset.
                for (var i = (int)offset; i < 10; i++)
                {
                    if (!entries.Add("e" + i, i + 1))
                    {
                        break;
                    }

                    LastReaddirAdded++;
                }

                return Errno.None;
            case "/boom":
                entries.Add("first"u8);
                entries.Add("second"u8);
                throw new InvalidOperationException("listing failed half-way");
            case "/nul":
                entries.Add("bad\0name"u8);
                return Errno.None;
            case "/nul-long":
                entries.Add("a-name-of-more-than-sixteen-bytes\0"u8);
                return Errno.None;
            case "/lengths":
                // Both sides of DirectoryFiller's short-name copy (16 bytes) and the longest names the kernel takes.
                foreach (var length in NameLengths)
                {
                    entries.Add(NameOfLength(length));
                }

                return Errno.None;
            case "/long":
                entries.Add(new string('x', 2000));
                return Errno.None;
            default:
                return Errno.ENOENT;
        }
    }

    private static Stat CreateFileStat()
    {
        var stat = new Stat
        {
            Inode = 42,
            Type = FileType.Regular,
            Permissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            Links = 3,
            Uid = 1001,
            Gid = 1002,
            DeviceNumber = 0x0801,
            Size = 123_456,
            BlockSize = 4096,
            Blocks = 241,
            AccessTime = new TimeSpec(1_700_000_000, 1),
            ModificationTime = new TimeSpec(1_700_000_001, 2),
            ChangeTime = new TimeSpec(1_700_000_002, 3),
        };
        return stat;
    }
}

/// <summary>Static methods: no instance lookup; failures still reach the session's fault handler.</summary>
[FuseFileSystem]
internal sealed partial class StaticFs
{
    [Getattr]
    private static Errno GetAttr(ReadOnlySpan<byte> path, out Stat stat)
    {
        stat = default;
        if (path.SequenceEqual("/throw"u8))
        {
            throw new InvalidOperationException("static getattr exploded");
        }

        stat.Type = FileType.Directory;
        stat.Links = 2;
        return Errno.None;
    }

    [Access]
    private static int Access(string path, AccessMode mode) =>
        (mode & AccessMode.Write) != 0 ? -(int)Errno.EACCES : 0;
}

/// <summary>readlink returning the target as bytes.</summary>
[FuseFileSystem]
internal sealed partial class SpanLinkFs
{
    public static ReadOnlySpan<byte> Target => "../target/of/the/link"u8;

    [Readlink]
    private static ReadOnlySpan<byte> ReadLink(ReadOnlySpan<byte> path) => Target;
}

/// <summary>readlink returning the target as a string (null: EINVAL).</summary>
[FuseFileSystem]
internal sealed partial class StringLinkFs
{
    public const string Target = "dïr/tärget";

    [Readlink]
    private static string ReadLink(string path) => path == "/null" ? null! : Target;
}

/// <summary>readlink writing into the buffer and returning the byte count.</summary>
[FuseFileSystem]
internal sealed partial class IntLinkFs
{
    [Readlink]
    private static int ReadLink(ReadOnlySpan<byte> path, Span<byte> buffer)
    {
        if (path.SequenceEqual("/missing"u8))
        {
            return -(int)Errno.ENOENT;
        }

        if (path.SequenceEqual("/liar"u8))
        {
            // Claims more than the buffer holds.
            return buffer.Length + 1;
        }

        var target = "abcdef"u8;
        var count = Math.Min(target.Length, buffer.Length);
        target.Slice(0, count).CopyTo(buffer);
        return count;
    }
}
