namespace FuseGen.Catalog;

/// <summary>
/// Every name of the FuseGen runtime that generated code, the analyzers and the code fixes write or look for: one list,
/// checked against the built runtime by reflection (a renamed runtime member fails a test, not a user's build).
/// </summary>
/// <remarks>
/// One nested class per runtime type: <c>Type</c> is its fully qualified name as Roslyn prints it
/// (<c>global::FuseGen.Stat</c>); every other constant is a member, qualified (<c>Type + ".FromNative"</c>) when generated
/// code calls it on the type, bare (<c>"Fail"</c>) when it calls it on an instance. Generated code calls only what is
/// in the <see cref="Marshalling"/> namespace and the public types users see.
/// </remarks>
internal static class RuntimeNames
{
    /// <summary>The runtime's namespace: the user-facing types and the operation attributes.</summary>
    public const string Namespace = "FuseGen";

    /// <summary>
    /// The namespace of the runtime API that generated code calls (in the spirit of
    /// <c>System.Runtime.InteropServices.Marshalling</c>): public so generated code in user assemblies can reach it,
    /// hidden from IntelliSense. <c>FuseGen.Interop</c> is the internal P/Invoke layer.
    /// </summary>
    public const string MarshallingNamespace = Namespace + ".Marshalling";

    private const string Global = "global::" + Namespace + ".";
    private const string Marshalling = "global::" + MarshallingNamespace + ".";

    public static class FuseFileSystemAttribute
    {
        public const string Type = Global + "FuseFileSystemAttribute";

        /// <summary>The name <c>ForAttributeWithMetadataName</c> and <c>GetTypeByMetadataName</c> take.</summary>
        public const string MetadataName = Namespace + ".FuseFileSystemAttribute";

        /// <summary>The attribute as code writes it, without the <c>Attribute</c> suffix.</summary>
        public const string Usage = Global + "FuseFileSystem";
    }

    public static class IFuseFileSystem
    {
        public const string Type = Global + "IFuseFileSystem";
        public const string FillOperations = Type + ".FillOperations";
    }

    public static class FuseOperations
    {
        public const string Type = Marshalling + "FuseOperations";
    }

    /// <summary>What a program mounts a filesystem with; the analyzers look for calls to it.</summary>
    public static class Fuse
    {
        public const string Type = Global + "Fuse";
        public const string MetadataName = Namespace + ".Fuse";
        public const string Main = "Main";
        public const string Mount = "Mount";
    }

    public static class FuseInodeFileSystemAttribute
    {
        public const string Type = Global + "FuseInodeFileSystemAttribute";

        /// <summary>The name <c>ForAttributeWithMetadataName</c> and <c>GetTypeByMetadataName</c> take.</summary>
        public const string MetadataName = Namespace + ".FuseInodeFileSystemAttribute";

        /// <summary>The attribute as code writes it, without the <c>Attribute</c> suffix.</summary>
        public const string Usage = Global + "FuseInodeFileSystem";
    }

    public static class IFuseInodeFileSystem
    {
        public const string Type = Global + "IFuseInodeFileSystem";
        public const string FillOperations = Type + ".FillOperations";
    }

    public static class FuseLowLevelOperations
    {
        public const string Type = Marshalling + "FuseLowLevelOperations";
    }

    /// <summary>The inode API's request: generated inode entry points read their arguments from it and reply through it.</summary>
    public static class InodeRequest
    {
        public const string Type = Marshalling + "InodeRequest";
        public const string From = Type + ".From";
        public const string FromUserData = Type + ".FromUserData";
        public const string Fail = "Fail";
        public const string Node = "Node";
        public const string ReadBuffer = "ReadBuffer";
        public const string Directory = "Directory";
        public const string Report = "Report";
        public const string ReplyStatus = "ReplyStatus";
        public const string ReplyError = "ReplyError";
        public const string ReplyEntry = "ReplyEntry";
        public const string ReplyLookup = "ReplyLookup";
        public const string ReplyCreate = "ReplyCreate";
        public const string ReplyAttr = "ReplyAttr";
        public const string ReplyReadlink = "ReplyReadlink";
        public const string ReplyOpen = "ReplyOpen";
        public const string ReplyWrite = "ReplyWrite";
        public const string ReplyRead = "ReplyRead";
        public const string ReplyData = "ReplyData";
        public const string ReplyDirectory = "ReplyDirectory";
        public const string ReplyStatfs = "ReplyStatfs";
        public const string ReplyXattr = "ReplyXattr";
        public const string ReplyXattrNames = "ReplyXattrNames";
        public const string ReplyBmap = "ReplyBmap";
        public const string ReplyLseek = "ReplyLseek";
        public const string ReplyForget = "ReplyForget";
        public const string ReplyForgetMulti = "ReplyForgetMulti";
        public const string ReplyNone = "ReplyNone";
        public const string ReplyLock = "ReplyLock";
        public const string ReplyPoll = "ReplyPoll";
        public const string ReplyIoctl = "ReplyIoctl";
        public const string IoctlOutput = "IoctlOutput";
        public const string ReplyStatx = "ReplyStatx";
    }

    /// <summary>An inode request served by a method that returns a task: generated async entry points begin it and answer through it.</summary>
    public static class AsyncInodeRequest
    {
        public const string Type = Marshalling + "AsyncInodeRequest";
        public const string Begin = Type + ".Begin";
        public const string Complete = "Complete";
        public const string AnsweredInline = "AnsweredInline";
        public const string Fail = "Fail";
        public const string Request = "Request";
        public const string Buffer = "Buffer";
        public const string BufferSpan = "BufferSpan";
        public const string Token = "Token";
        public const string Directory = "Directory";
        public const string ReplyDirectory = "ReplyDirectory";
        public const string FileInfo = "FileInfo";
    }

    public static class AsyncDirectoryFiller
    {
        public const string Type = Global + "AsyncDirectoryFiller";
    }

    public static class InodeEntry
    {
        public const string Type = Global + "InodeEntry";
    }

    public static class InodeDirectoryFiller
    {
        public const string Type = Global + "InodeDirectoryFiller";
    }

    public static class FuseRequest
    {
        public const string Type = Marshalling + "FuseRequest";
        public const string Current = Type + ".Current";
        public const string Fail = "Fail";
        public const string FreeHandle = "FreeHandle";
        public const string StoreHandle = "StoreHandle";
        public const string Handle = "Handle";
        public const string FileSystem = "FileSystem";
        public const string Context = "Context";
    }

    public static class RequestMetrics
    {
        public const string Type = Marshalling + "RequestMetrics";
        public const string Start = Type + ".Start";
        public const string Stop = Type + ".Stop";
        public const string StopReplied = Type + ".StopReplied";
    }

    public static class NativeText
    {
        public const string Type = Marshalling + "NativeText";
        public const string AsSpan = Type + ".AsSpan";
        public new const string ToString = Type + ".ToString";
        public const string LinkBuffer = Type + ".LinkBuffer";
        public const string CopyLinkTarget = Type + ".CopyLinkTarget";
        public const string TerminateLinkTarget = Type + ".TerminateLinkTarget";
    }

    public static class NativeBuffer
    {
        public const string Type = Marshalling + "NativeBuffer";
        public const string AsSpan = Type + ".AsSpan";
        public const string AsReadOnlySpan = Type + ".AsReadOnlySpan";
    }

    public static class NativeResult
    {
        public const string Type = Marshalling + "NativeResult";
        public const string FromErrno = Type + ".FromErrno";
        public const string Check = Type + ".Check";
    }

    public static class NativeStat
    {
        public const string Type = Marshalling + "NativeStat";
        public const string Write = Type + ".Write";
    }

    public static class NativeStatVfs
    {
        public const string Type = Marshalling + "NativeStatVfs";
        public const string Write = Type + ".Write";
    }

    public static class NativeTime
    {
        public const string Type = Marshalling + "NativeTime";
        public const string Read = Type + ".Read";
    }

    public static class NativeLock
    {
        public const string Type = Marshalling + "NativeLock";
        public const string Read = Type + ".Read";
        public const string Write = Type + ".Write";
    }

    public static class NativeIoctl
    {
        public const string Type = Marshalling + "NativeIoctl";
        public const string Data = Type + ".Data";
    }

    public static class NativeXattr
    {
        public const string Type = Marshalling + "NativeXattr";
        public const string Reply = Type + ".Reply";
        public const string ReplyNames = Type + ".ReplyNames";
    }

    public static class FileInfo
    {
        public const string Type = Global + "FileInfo";
        public const string FromNative = Type + ".FromNative";
    }

    public static class DirectoryFiller
    {
        public const string Type = Global + "DirectoryFiller";
        public const string FromNative = Type + ".FromNative";
    }

    public static class FuseConnectionInfo
    {
        public const string Type = Global + "FuseConnectionInfo";
        public const string FromNative = Type + ".FromNative";
    }

    public static class FuseConfig
    {
        public const string Type = Global + "FuseConfig";
        public const string FromNative = Type + ".FromNative";
    }

    public static class PollHandle
    {
        public const string Type = Global + "PollHandle";
        public const string FromNative = Type + ".FromNative";
        public const string Dispose = "Dispose";
    }

    public static class FuseBufferVector
    {
        public const string Type = Global + "FuseBufferVector";
        public const string FromNative = Type + ".FromNative";
    }

    public static class AttributeChanges
    {
        public const string Type = Global + "AttributeChanges";
        public const string FromNative = Type + ".FromNative";
    }

    public static class FuseBufferReply
    {
        public const string Type = Global + "FuseBufferReply";
        public const string FromNative = Type + ".FromNative";
    }

    /// <summary>Types that are only named (parameter and return types), never called.</summary>
    public static class Types
    {
        public const string Errno = Global + "Errno";
        public const string FuseContext = Global + "FuseContext";
        public const string Stat = Global + "Stat";
        public const string StatVfs = Global + "StatVfs";
        public const string FileType = Global + "FileType";
        public const string RenameFlags = Global + "RenameFlags";
        public const string XattrFlags = Global + "XattrFlags";
        public const string ReaddirFlags = Global + "ReaddirFlags";
        public const string AccessMode = Global + "AccessMode";
        public const string TimeSpec = Global + "TimeSpec";
        public const string FlockOperation = Global + "FlockOperation";
        public const string FallocateMode = Global + "FallocateMode";
        public const string Whence = Global + "Whence";
        public const string LockCommand = Global + "LockCommand";
        public const string FileLock = Global + "FileLock";
        public const string PollEvents = Global + "PollEvents";
        public const string Statx = Global + "Statx";
        public const string InodeForget = Global + "InodeForget";
        public const string StatxFlags = Global + "StatxFlags";
        public const string StatxMask = Global + "StatxMask";
    }
}
