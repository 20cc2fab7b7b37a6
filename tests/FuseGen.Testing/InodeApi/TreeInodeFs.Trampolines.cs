// The native half of TreeInodeFs, written by hand in exactly the shape the inode-API generator is to emit: one
// [UnmanagedCallersOnly] entry point per implemented fuse_lowlevel_ops member, each answering its request exactly
// once through InodeRequest, and FillOperations pointing the table at them. Nothing here is specific to this
// filesystem except the method it calls and how its parameters are bound.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System;
using FuseGen.Interop;
using FuseGen.Marshalling;

namespace FuseGen.Testing.InodeApi;

public sealed unsafe partial class TreeInodeFs : IFuseInodeFileSystem
{
    /// <inheritdoc />
    InodeTable? IFuseInodeFileSystem.Inodes => Nodes;

    /// <inheritdoc />
    void IFuseInodeFileSystem.FillOperations(FuseLowLevelOperations* operations)
    {
        operations->init = &__FuseGen_init;
        operations->lookup = &__FuseGen_lookup;
        operations->forget = &__FuseGen_forget;
        operations->getattr = &__FuseGen_getattr;
        operations->open = &__FuseGen_open;
        operations->read = &__FuseGen_read;
        operations->release = &__FuseGen_release;
        operations->readdir = &__FuseGen_readdir;
        operations->forget_multi = &__FuseGen_forget_multi;
        operations->readdirplus = &__FuseGen_readdirplus;
    }

    // init: no request and no reply; the user data is the session.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_init(void* userdata, void* conn)
    {
        var __request = InodeRequest.FromUserData(userdata);
        try
        {
            __request.FileSystem<TreeInodeFs>().Init();
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "init");
        }
    }

    // Entry reply from an Errno + ref InodeEntry shape; the node parameter is resolved through the inode table.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_lookup(void* req, ulong parent, byte* name)
    {
        var __request = InodeRequest.From(req);
        try
        {
            var __entry = default(InodeEntry);
            var __result = __request.FileSystem<TreeInodeFs>().Lookup(__request.Node<TreeNode>(parent), NativeText.AsSpan(name), ref __entry);
            __request.ReplyLookup(__result, in __entry);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "lookup");
        }
    }

    // forget: the user's method may fail, the request still ends with fuse_reply_none and the table's count.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_forget(void* req, ulong ino, ulong nlookup)
    {
        var __request = InodeRequest.From(req);
        try
        {
            __request.FileSystem<TreeInodeFs>().Forget(__request.Node<TreeNode>(ino), nlookup);
        }
        catch (Exception __exception)
        {
            __request.Report(__exception, "forget");
        }
        finally
        {
            __request.ReplyForget(ino, nlookup);
        }
    }

    // forget_multi: the same user method once per inode, then one fuse_reply_none for the batch.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_forget_multi(void* req, nuint count, void* forgets)
    {
        var __request = InodeRequest.From(req);
        try
        {
            var __fileSystem = __request.FileSystem<TreeInodeFs>();
            var __items = (ulong*)forgets;
            for (nuint __i = 0; __i < count; __i++)
            {
                try
                {
                    __fileSystem.Forget(__request.Node<TreeNode>(__items[2 * __i]), __items[(2 * __i) + 1]);
                }
                catch (Exception __exception)
                {
                    __request.Report(__exception, "forget_multi");
                }
            }
        }
        finally
        {
            __request.ReplyForgetMulti(count, forgets);
        }
    }

    // Attribute reply from a returned Stat; a FuseContext parameter is the request's caller (fuse_req_ctx).
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_getattr(void* req, ulong ino, void* fi)
    {
        var __request = InodeRequest.From(req);
        try
        {
            var __stat = __request.FileSystem<TreeInodeFs>().GetAttr(__request.Node<TreeNode>(ino), __request.Context);
            __request.ReplyAttr(in __stat);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "getattr");
        }
    }

    // Open reply with a typed handle stored in the session's handle table.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_open(void* req, ulong ino, void* fi)
    {
        var __request = InodeRequest.From(req);
        try
        {
            var __handle = __request.FileSystem<TreeInodeFs>().Open(__request.Node<TreeNode>(ino), InodeRequest.FileInfo(fi));
            __request.ReplyOpen(__handle, fi);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "open");
        }
    }

    // Data reply: the method fills the thread's pooled reply buffer, which is sent as it is.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_read(void* req, ulong ino, nuint size, long off, void* fi)
    {
        var __request = InodeRequest.From(req);
        try
        {
            var __buffer = __request.ReadBuffer(size);
            var __result = __request.FileSystem<TreeInodeFs>().Read(__request.Handle<OpenFile>(fi)!, __buffer, off);
            __request.ReplyRead(__result, __buffer);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "read");
        }
    }

    // Status reply; the handle is freed whatever the method did (the kernel sends release once).
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_release(void* req, ulong ino, void* fi)
    {
        var __request = InodeRequest.From(req);
        try
        {
            __request.FileSystem<TreeInodeFs>().Release(__request.Handle<OpenFile>(fi)!);
            __request.ReplyStatus(Errno.None);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "release");
        }
        finally
        {
            __request.FreeHandle(fi, dispose: false);
        }
    }

    // Directory reply: the method fills the filler over the thread's reply buffer, which is sent as it is.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_readdir(void* req, ulong ino, nuint size, long off, void* fi)
    {
        var __request = InodeRequest.From(req);
        var __entries = default(InodeDirectoryFiller);
        try
        {
            __entries = __request.Directory(size, off, plus: false);
            __request.FileSystem<TreeInodeFs>().ReadDir(__request.Node<TreeNode>(ino), ref __entries);
            __request.ReplyDirectory(ref __entries);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "readdir", ref __entries);
        }
    }

    // readdirplus binds the same method (the filler says IsPlus); each entry added counts a lookup, and a method that
    // throws midway gives the counted ones back before the error is sent.
    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_readdirplus(void* req, ulong ino, nuint size, long off, void* fi)
    {
        var __request = InodeRequest.From(req);
        var __entries = default(InodeDirectoryFiller);
        try
        {
            __entries = __request.Directory(size, off, plus: true);
            __request.FileSystem<TreeInodeFs>().ReadDir(__request.Node<TreeNode>(ino), ref __entries);
            __request.ReplyDirectory(ref __entries);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "readdirplus", ref __entries);
        }
    }
}
