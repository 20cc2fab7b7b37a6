// The native half of InodeBenchFs, by hand in the shape the inode-API generator is to emit (see
// tests/FuseGen.Testing/InodeApi/TreeInodeFs.Trampolines.cs for the commented version).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen;

namespace BenchFs;

internal sealed unsafe partial class InodeBenchFs : IFuseInodeFileSystem
{
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
            var __result = __request.FileSystem<InodeBenchFs>().Lookup(parent, NativeText.AsSpan(name), ref __entry);
            __request.ReplyLookup(__result, in __entry);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "lookup");
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_getattr(void* req, ulong ino, void* fi)
    {
        var __request = InodeRequest.From(req);
        try
        {
            var __stat = default(Stat);
            var __result = __request.FileSystem<InodeBenchFs>().GetAttr(ino, ref __stat);
            __request.ReplyAttr(__result, in __stat);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "getattr");
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_open(void* req, ulong ino, void* fi)
    {
        var __request = InodeRequest.From(req);
        try
        {
            var __result = __request.FileSystem<InodeBenchFs>().Open(ino, InodeRequest.FileInfo(fi));
            if (__result == Errno.None)
            {
                __request.ReplyOpen(null, fi);
            }
            else
            {
                __request.ReplyError(__result);
            }
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "open");
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_read(void* req, ulong ino, nuint size, long off, void* fi)
    {
        var __request = InodeRequest.From(req);
        try
        {
            __request.ReplyData(__request.FileSystem<InodeBenchFs>().Read(ino, size, off));
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "read");
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void __FuseGen_readdir(void* req, ulong ino, nuint size, long off, void* fi)
    {
        var __request = InodeRequest.From(req);
        var __entries = default(InodeDirectoryFiller);
        try
        {
            __entries = __request.Directory(size, off, plus: false);
            __request.FileSystem<InodeBenchFs>().ReadDir(ino, ref __entries);
            __request.ReplyDirectory(ref __entries);
        }
        catch (Exception __exception)
        {
            __request.Fail(__exception, "readdir", ref __entries);
        }
    }
}
