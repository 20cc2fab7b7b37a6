using System;

namespace FuseGen;

/// <summary>
/// Marks a <c>partial</c> class as a FUSE filesystem on libfuse's low-level, inode-based API. FuseGen's source
/// generator implements <see cref="IFuseInodeFileSystem"/> for it from the methods that carry an operation attribute
/// (<see cref="LookupAttribute"/>, <see cref="GetattrAttribute"/>, <see cref="ReadAttribute"/>, ...): an attribute
/// both APIs have means the <c>fuse_lowlevel_ops</c> member on a class with this marker.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FuseInodeFileSystemAttribute : Attribute
{
}
