using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using FuseGen.Interop;

namespace FuseGen.MirrorFs.Tests.Infrastructure;

/// <summary>
/// Calls a filesystem's generated entry points straight from its operation table
/// (<c>((IFuseFileSystem)fs).FillOperations(table)</c>), outside any mount, as libfuse would: with a
/// <c>fuse_context</c> whose private data leads to a FuseGen session holding the filesystem and its handles.
/// </summary>
/// <remarks>
/// FuseGen has no public seam for this, so it is built by reflection on two internals, and breaks loudly if they
/// change: the private constructor of <c>FuseGen.Runtime.FuseSession</c>, and <c>FuseGen.Interop.LibFuse.fuse_get_context</c>,
/// the pointer generated code reads the context through. That pointer is called without a GC transition, so it must
/// be native code: a stub of a few bytes in an executable page that returns our context (x86_64 and arm64). One
/// caller exists at a time; the pointer is restored on dispose.
/// </remarks>
internal sealed unsafe class DirectCaller : IDisposable
{
    private const int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
    private const int ContextSize = 40; // struct fuse_context on 64-bit Linux
    private static readonly SemaphoreSlim Exclusive = new(1, 1);

    private readonly FieldInfo contextGetter;
    private readonly object? previousGetter;
    private readonly byte* context;
    private readonly void* stub;
    private GCHandle session;
    private FuseOperations operations;

    public DirectCaller(IFuseFileSystem fileSystem)
    {
        Exclusive.Wait();
        var runtime = typeof(IFuseFileSystem).Assembly;
        var sessionType = runtime.GetType("FuseGen.Runtime.FuseSession", throwOnError: true)!;
        var constructor = sessionType.GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, new[] { typeof(IFuseFileSystem), typeof(string), typeof(MountOptions) })
            ?? throw new InvalidOperationException("FuseSession(IFuseFileSystem, string, MountOptions) is gone: update DirectCaller");
        session = GCHandle.Alloc(constructor.Invoke(new object[] { fileSystem, "", new MountOptions() }));

        context = (byte*)NativeMemory.AllocZeroed(ContextSize);
        *(nint*)(context + 24) = GCHandle.ToIntPtr(session); // private_data
        SetCaller(0, 0, Environment.ProcessId, 0x12);

        stub = ReturnConstant((nint)context);
        contextGetter = runtime.GetType("FuseGen.Interop.LibFuse", throwOnError: true)!.GetField("fuse_get_context", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException("LibFuse.fuse_get_context is gone: update DirectCaller");
        previousGetter = contextGetter.GetValue(null);
        contextGetter.SetValue(null, (nint)stub);

        fixed (FuseOperations* table = &operations)
        {
            fileSystem.FillOperations(table);
        }
    }

    /// <summary>The table libfuse would get.</summary>
    public ref FuseOperations Operations => ref operations;

    /// <summary>Who the next calls come from (fuse_context uid, gid, pid, umask).</summary>
    public void SetCaller(uint uid, uint gid, int pid, uint umask)
    {
        *(uint*)(context + 8) = uid;
        *(uint*)(context + 12) = gid;
        *(int*)(context + 16) = pid;
        *(uint*)(context + 32) = umask;
    }

    /// <summary>A NUL-terminated copy of a path, freed by <see cref="Free"/>.</summary>
    public static byte* Text(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var copy = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
        bytes.CopyTo(new Span<byte>(copy, bytes.Length));
        return copy;
    }

    /// <summary>A zeroed <c>struct fuse_file_info</c> (room for every libfuse 3.x layout) with the open flags set; fh is at offset 16.</summary>
    public static byte* FileInfo(int flags)
    {
        var info = (byte*)NativeMemory.AllocZeroed(128);
        *(int*)info = flags;
        return info;
    }

    public static void Free(void* memory) => NativeMemory.Free(memory);

    public void Dispose()
    {
        contextGetter.SetValue(null, previousGetter);
        munmap(stub, 4096);
        NativeMemory.Free(context);
        session.Free();
        Exclusive.Release();
    }

    /// <summary>Native code for <c>void *f(void) { return value; }</c>.</summary>
    private static void* ReturnConstant(nint value)
    {
        var page = (byte*)mmap(null, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if ((nint)page == -1)
        {
            throw new InvalidOperationException("mmap failed");
        }

        switch (RuntimeInformation.ProcessArchitecture)
        {
            case Architecture.X64:
                page[0] = 0x48; // mov rax, imm64
                page[1] = 0xB8;
                *(nint*)(page + 2) = value;
                page[10] = 0xC3; // ret
                break;
            case Architecture.Arm64:
                *(uint*)page = 0x58000040; // ldr x0, #8
                *(uint*)(page + 4) = 0xD65F03C0; // ret
                *(nint*)(page + 8) = value;
                break;
            default:
                throw new PlatformNotSupportedException("direct calls need an x86_64 or arm64 stub");
        }

        if (mprotect(page, 4096, PROT_READ | PROT_EXEC) != 0)
        {
            throw new InvalidOperationException("mprotect failed");
        }

        return page;
    }

    [DllImport("libc.so.6")]
    private static extern void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [DllImport("libc.so.6")]
    private static extern int mprotect(void* address, nuint length, int protection);

    [DllImport("libc.so.6")]
    private static extern int munmap(void* address, nuint length);
}
