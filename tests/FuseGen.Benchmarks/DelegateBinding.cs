using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace FuseGen.Benchmarks;

/// <summary>A <c>struct stat</c> a delegate-based binding hands to the filesystem and marshals back.</summary>
public struct ManagedStat
{
    public uint Mode;
    public ulong Links;
    public uint Uid;
    public uint Gid;
    public long Size;
    public long BlockSize;
    public long Blocks;
    public long Time;
}

/// <summary>A directory entry as such bindings return them: a name and a mode, one object each.</summary>
public sealed class DirectoryEntry
{
    public DirectoryEntry(string name, uint mode)
    {
        Name = name;
        Mode = mode;
    }

    public string Name { get; }

    public uint Mode { get; }
}

/// <summary>
/// The dispatch FuseGen replaces, written the way reflection- and delegate-based .NET FUSE bindings work: the
/// filesystem registers managed delegates; libfuse calls thunks from <see cref="Marshal.GetFunctionPointerForDelegate{TDelegate}"/>;
/// every call decodes the path into a <see cref="string"/>, reads go through a fresh <c>byte[]</c> copied into
/// libfuse's buffer, attributes are marshalled from a managed struct, and directory entries come back as objects whose
/// names are encoded to native UTF-8 one by one and passed to the filler through a marshalled delegate.
/// </summary>
public sealed unsafe class DelegateBinding
{
    private readonly Operations operations;

    // Kept alive for as long as libfuse may call the thunks.
    private readonly NativeGetattr getattr;
    private readonly NativeRead read;
    private readonly NativeReaddir readdir;
    private readonly NativeWrite write;

    public DelegateBinding(Operations operations)
    {
        this.operations = operations;
        getattr = OnGetattr;
        read = OnRead;
        readdir = OnReaddir;
        write = OnWrite;
        Getattr = (delegate* unmanaged[Cdecl]<byte*, void*, void*, int>)Marshal.GetFunctionPointerForDelegate(getattr);
        Read = (delegate* unmanaged[Cdecl]<byte*, byte*, nuint, long, void*, int>)Marshal.GetFunctionPointerForDelegate(read);
        Readdir = (delegate* unmanaged[Cdecl]<byte*, void*, void*, long, void*, int, int>)Marshal.GetFunctionPointerForDelegate(readdir);
        Write = (delegate* unmanaged[Cdecl]<byte*, byte*, nuint, long, void*, int>)Marshal.GetFunctionPointerForDelegate(write);
    }

    public delegate int GetattrHandler(string path, out ManagedStat stat);

    public delegate int ReadHandler(string path, byte[] buffer, long offset);

    public delegate int ReaddirHandler(string path, out IEnumerable<DirectoryEntry>? entries);

    public delegate int WriteHandler(string path, byte[] data, long offset, ulong handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NativeGetattr(byte* path, void* stat, void* fileInfo);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NativeRead(byte* path, byte* buffer, nuint size, long offset, void* fileInfo);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NativeWrite(byte* path, byte* data, nuint size, long offset, void* fileInfo);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NativeReaddir(byte* path, void* buffer, void* filler, long offset, void* fileInfo, int flags);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int FillDir(void* buffer, IntPtr name, void* stat, long offset, int flags);

    /// <summary>The entries libfuse's table would hold.</summary>
    public delegate* unmanaged[Cdecl]<byte*, void*, void*, int> Getattr { get; }

    public delegate* unmanaged[Cdecl]<byte*, byte*, nuint, long, void*, int> Read { get; }

    public delegate* unmanaged[Cdecl]<byte*, void*, void*, long, void*, int, int> Readdir { get; }

    public delegate* unmanaged[Cdecl]<byte*, byte*, nuint, long, void*, int> Write { get; }

    private int OnGetattr(byte* path, void* stat, void* fileInfo)
    {
        try
        {
            var result = operations.Getattr(Marshal.PtrToStringUTF8((IntPtr)path)!, out var managed);
            if (result == 0)
            {
                var native = default(NativeStat);
                native.st_mode = managed.Mode;
                native.st_nlink = managed.Links;
                native.st_uid = managed.Uid;
                native.st_gid = managed.Gid;
                native.st_size = managed.Size;
                native.st_blksize = managed.BlockSize;
                native.st_blocks = managed.Blocks;
                native.st_atime = native.st_mtime = native.st_ctime = managed.Time;
                Marshal.StructureToPtr(native, (IntPtr)stat, fDeleteOld: false);
            }

            return result;
        }
        catch (Exception)
        {
            return -5; // EIO
        }
    }

    private int OnRead(byte* path, byte* buffer, nuint size, long offset, void* fileInfo)
    {
        try
        {
            var managed = new byte[(int)size];
            var result = operations.Read(Marshal.PtrToStringUTF8((IntPtr)path)!, managed, offset);
            if (result > 0)
            {
                Marshal.Copy(managed, 0, (IntPtr)buffer, result);
            }

            return result;
        }
        catch (Exception)
        {
            return -5;
        }
    }

    private int OnWrite(byte* path, byte* data, nuint size, long offset, void* fileInfo)
    {
        try
        {
            // The data is copied out of libfuse's buffer into an array the filesystem may keep.
            var managed = new byte[(int)size];
            Marshal.Copy((IntPtr)data, managed, 0, managed.Length);
            return operations.Write(Marshal.PtrToStringUTF8((IntPtr)path)!, managed, offset, *(ulong*)((byte*)fileInfo + FuseGen.Testing.NativeBlock.FileInfoHandleOffset));
        }
        catch (Exception)
        {
            return -5;
        }
    }

    private int OnReaddir(byte* path, void* buffer, void* filler, long offset, void* fileInfo, int flags)
    {
        try
        {
            var result = operations.Readdir(Marshal.PtrToStringUTF8((IntPtr)path)!, out var entries);
            if (result != 0 || entries is null)
            {
                return result;
            }

            var fill = Marshal.GetDelegateForFunctionPointer<FillDir>((IntPtr)filler);
            var stat = default(NativeStat);
            foreach (var entry in entries)
            {
                var name = Marshal.StringToCoTaskMemUTF8(entry.Name);
                try
                {
                    stat.st_mode = entry.Mode;
                    if (fill(buffer, name, &stat, 0, 0) != 0)
                    {
                        break;
                    }
                }
                finally
                {
                    Marshal.FreeCoTaskMem(name);
                }
            }

            return 0;
        }
        catch (Exception)
        {
            return -5;
        }
    }

    /// <summary>What the filesystem registers.</summary>
    public sealed class Operations
    {
        public required GetattrHandler Getattr { get; init; }

        public required ReadHandler Read { get; init; }

        public required ReaddirHandler Readdir { get; init; }

        public required WriteHandler Write { get; init; }
    }

    /// <summary>x86-64 <c>struct stat</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NativeStat
    {
        public ulong st_dev;
        public ulong st_ino;
        public ulong st_nlink;
        public uint st_mode;
        public uint st_uid;
        public uint st_gid;
        public int pad0;
        public ulong st_rdev;
        public long st_size;
        public long st_blksize;
        public long st_blocks;
        public long st_atime;
        public long st_atime_nsec;
        public long st_mtime;
        public long st_mtime_nsec;
        public long st_ctime;
        public long st_ctime_nsec;
        public long reserved0;
        public long reserved1;
        public long reserved2;
    }
}
