using System;
using System.Runtime.InteropServices;
using System.Threading;
using MirrorFs.Interop;

namespace MirrorFs;

/// <summary>
/// An open directory of the source: the handle [Opendir] returns. Entries are read with getdents64 into a buffer
/// and handed out in the order the source filesystem gives them; each entry's <c>d_off</c> is the cookie at which a
/// later readdir resumes (telldir/seekdir style), so listings of any size page correctly.
/// </summary>
internal sealed unsafe class OpenDirectory : IDisposable
{
    private const int BufferSize = 32 * 1024;

    private int descriptor;
    private byte* buffer;

    public OpenDirectory(int descriptor)
    {
        this.descriptor = descriptor;
        buffer = (byte*)NativeMemory.Alloc(BufferSize);
    }

    /// <summary>The descriptor; -1 once disposed.</summary>
    public int Descriptor => Volatile.Read(ref descriptor);

    /// <summary>Held while a readdir walks the buffer (the kernel serializes readdir per open directory anyway).</summary>
    public object Gate { get; } = new();

    /// <summary>The cookie of the next entry to hand out: 0 at the start, else the <c>d_off</c> of the last one handed out.</summary>
    public long Position { get; set; }

    /// <summary>Bytes of entries in the buffer, and how far they have been handed out.</summary>
    public int Filled { get; set; }

    public int Consumed { get; set; }

    /// <summary>Moves to <paramref name="cookie"/> (0 or an entry's <c>d_off</c>) and forgets the buffer.</summary>
    public FuseGen.Errno Seek(long cookie)
    {
        if (LibC.lseek(Descriptor, cookie, LibC.SEEK_SET) < 0)
        {
            return LibC.LastErrno;
        }

        Position = cookie;
        Filled = Consumed = 0;
        return FuseGen.Errno.None;
    }

    /// <summary>Refills the buffer; returns the bytes read (0 at the end) or -errno.</summary>
    public int Refill()
    {
        var count = LibC.getdents64(Descriptor, buffer, BufferSize);
        if (count < 0)
        {
            return -(int)LibC.LastErrno;
        }

        Filled = (int)count;
        Consumed = 0;
        return Filled;
    }

    /// <summary>The next entry in the buffer (<see cref="Consumed"/> &lt; <see cref="Filled"/>).</summary>
    public DirectoryEntry Peek()
    {
        // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
        var entry = buffer + Consumed;
        var recordLength = *(ushort*)(entry + 16);
        var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + 19);
        return new DirectoryEntry(*(ulong*)entry, *(long*)(entry + 8), recordLength, entry[18], name);
    }

    /// <summary>Closes the descriptor and frees the buffer (once).</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            var fd = Interlocked.Exchange(ref descriptor, -1);
            if (fd >= 0)
            {
                LibC.close(fd);
            }

            if (buffer != null)
            {
                NativeMemory.Free(buffer);
                buffer = null;
            }
        }
    }
}

/// <summary>One <c>linux_dirent64</c> record, viewed in place.</summary>
internal readonly ref struct DirectoryEntry
{
    public DirectoryEntry(ulong inode, long nextCookie, int recordLength, byte type, ReadOnlySpan<byte> name)
    {
        Inode = inode;
        NextCookie = nextCookie;
        RecordLength = recordLength;
        Type = type;
        Name = name;
    }

    public ulong Inode { get; }

    /// <summary><c>d_off</c>: where a listing resumes after this entry.</summary>
    public long NextCookie { get; }

    public int RecordLength { get; }

    /// <summary><c>d_type</c> (DT_*), which is the st_mode type shifted right by 12.</summary>
    public byte Type { get; }

    public ReadOnlySpan<byte> Name { get; }
}
