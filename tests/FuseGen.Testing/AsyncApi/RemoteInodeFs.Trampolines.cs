// The native half of RemoteInodeFs, written by hand in exactly the shape the inode-API generator is to emit for
// async methods: AsyncInodeRequest.Begin (slot, reply buffer, interrupt token), the user's task handed to Complete
// with a static reply method, and Fail in the catch. Synchronous operations keep the shape of TreeInodeFs.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System;
using FuseGen.Marshalling;

namespace FuseGen.Testing.AsyncApi;

public sealed unsafe partial class RemoteInodeFs : IFuseInodeFileSystem
{
    /// <inheritdoc />
    InodeTable? IFuseInodeFileSystem.Inodes => null;

    /// <inheritdoc />
    void IFuseInodeFileSystem.FillOperations(FuseLowLevelOperations* operations)
    {
        operations->lookup = &__FuseGen_lookup;
        operations->getattr = &__FuseGen_getattr;
        operations->open = &__FuseGen_open;
        operations->read = &__FuseGen_read;
        operations->readdir = &__FuseGen_readdir;
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_lookup(void* req, ulong parent, byte* name)
    {
        var __request = InodeRequest.From(req);
        try
        {
            var __entry = default(InodeEntry);
            var __result = __request.FileSystem<RemoteInodeFs>().Lookup(parent, NativeText.AsSpan(name), ref __entry);
            __request.ReplyLookup(__result, in __entry);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "lookup");
        }
    }

    // ValueTask<Stat> GetAttrAsync(...): no buffer, no token.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_getattr(void* req, ulong ino, void* fi)
    {
        var __request = InodeRequest.From(req);
        var __call = AsyncInodeRequest.Begin(in __request, 0, cancellable: false);
        try
        {
            __call.Complete(__request.FileSystem<RemoteInodeFs>().GetAttrAsync(ino), __FuseGen_reply_getattr, "getattr");
        }
        catch (Exception __exception)
        {
            __call.Fail(__exception, "getattr");
        }
    }

    private static void __FuseGen_reply_getattr(AsyncInodeRequest call, Stat result) => call.Request.ReplyAttr(in result);

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_open(void* req, ulong ino, void* fi)
    {
        var __request = InodeRequest.From(req);
        try
        {
            __request.ReplyOpen(null, fi);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "open");
        }
    }

    // ValueTask<int> ReadAsync(ulong, Memory<byte>, long, CancellationToken): the request's own buffer and token.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_read(void* req, ulong ino, nuint size, long off, void* fi)
    {
        var __request = InodeRequest.From(req);
        var __call = AsyncInodeRequest.Begin(in __request, size, cancellable: true);
        try
        {
            __call.Complete(__request.FileSystem<RemoteInodeFs>().ReadAsync(ino, __call.Buffer, off, __call.Token), __FuseGen_reply_read, "read");
        }
        catch (Exception __exception)
        {
            __call.Fail(__exception, "read");
        }
    }

    private static void __FuseGen_reply_read(AsyncInodeRequest call, int result) => call.Request.ReplyRead(result, call.Buffer.Span);

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_readdir(void* req, ulong ino, nuint size, long off, void* fi)
    {
        var __request = InodeRequest.From(req);
        var __entries = default(InodeDirectoryFiller);
        try
        {
            __entries = __request.Directory(size, off, plus: false);
            __request.FileSystem<RemoteInodeFs>().ReadDir(ref __entries);
            __request.ReplyDirectory(ref __entries);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "readdir", ref __entries);
        }
    }
}
