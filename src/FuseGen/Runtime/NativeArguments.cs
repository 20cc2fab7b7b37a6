using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using FuseGen.Interop.Native;

namespace FuseGen.Runtime;

/// <summary>
/// An argv in native memory as <c>struct fuse_args</c>. libfuse's option parser replaces the vector with one it
/// allocates, so both ours and (if allocated) libfuse's are freed.
/// </summary>
internal sealed unsafe class NativeArguments : IDisposable
{
    private readonly byte*[] strings;
    private readonly byte** vector;
    private readonly fuse_args* args;

    public NativeArguments(IReadOnlyList<string> arguments)
    {
        strings = new byte*[arguments.Count];
        vector = (byte**)NativeMemory.AllocZeroed((nuint)(arguments.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < arguments.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(arguments[i]);
            var text = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
            bytes.CopyTo(new Span<byte>(text, bytes.Length));
            text[bytes.Length] = 0;
            strings[i] = text;
            vector[i] = text;
        }

        args = (fuse_args*)NativeMemory.AllocZeroed((nuint)sizeof(fuse_args));
        args->argc = arguments.Count;
        args->argv = vector;
    }

    public fuse_args* Pointer => args;

    public void Dispose()
    {
        if (args->allocated != 0)
        {
            Interop.LibFuse.fuse_opt_free_args(args);
        }

        foreach (var text in strings)
        {
            NativeMemory.Free(text);
        }

        NativeMemory.Free(vector);
        NativeMemory.Free(args);
    }
}
