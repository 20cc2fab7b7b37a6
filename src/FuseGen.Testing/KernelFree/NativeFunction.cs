using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using FuseGen.Testing.Native;

namespace FuseGen.Testing;

/// <summary>
/// A tiny machine-code function <c>void *f(void)</c> that returns a constant, in its own executable page.
/// </summary>
/// <remarks>
/// FuseGen calls <c>fuse_get_context</c> with <c>SuppressGCTransition</c> (it is libfuse's pthread_getspecific), so
/// the fake installed through <c>LibFuse.SetContextSourceForTesting</c> must be native code: the runtime fails fast
/// ("attempted to call a UnmanagedCallersOnly method from managed code") when a suppressed-transition call lands in
/// an <c>[UnmanagedCallersOnly]</c> method, because the thread is still in cooperative mode.
/// </remarks>
internal sealed unsafe class NativeFunction : IDisposable
{
    private const int PageSize = 4096;
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int ProtExec = 4;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;

    private byte* page;

    private NativeFunction(byte* page) => this.page = page;

    public void* Address => page;

    /// <summary>Creates a native function that returns <paramref name="value"/>.</summary>
    public static NativeFunction ReturningConstant(void* value)
    {
        byte[] code = RuntimeInformation.ProcessArchitecture switch
        {
            // movabs rax, imm64; ret
            Architecture.X64 => [0x48, 0xB8, .. BitConverter.GetBytes((ulong)value), 0xC3],

            // ldr x0, #8; ret; .quad imm64
            Architecture.Arm64 => [0x40, 0x00, 0x00, 0x58, 0xC0, 0x03, 0x5F, 0xD6, .. BitConverter.GetBytes((ulong)value)],
            var other => throw new PlatformNotSupportedException($"No constant-function encoding for {other}."),
        };

        var page = (byte*)SystemCalls.mmap(null, PageSize, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (page == (byte*)-1)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "mmap failed");
        }

        code.CopyTo(new Span<byte>(page, PageSize));
        if (SystemCalls.mprotect(page, PageSize, ProtRead | ProtExec) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            SystemCalls.munmap(page, PageSize);
            throw new Win32Exception(error, "mprotect(PROT_EXEC) failed");
        }

        return new NativeFunction(page);
    }

    public void Dispose()
    {
        if (page != null)
        {
            SystemCalls.munmap(page, PageSize);
            page = null;
        }
    }
}
