using System;

namespace FuseGen;

/// <summary>
/// Marks a <c>partial</c> class as a FUSE filesystem. FuseGen's source generator implements
/// <see cref="IFuseFileSystem"/> for it from the methods that carry an operation attribute
/// (<see cref="GetattrAttribute"/>, <see cref="ReadAttribute"/>, ...).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FuseFileSystemAttribute : Attribute
{
}
