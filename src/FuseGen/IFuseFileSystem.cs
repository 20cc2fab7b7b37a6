using System.ComponentModel;

namespace FuseGen;

/// <summary>
/// A filesystem FuseGen can mount. Do not implement it by hand: mark the class <see cref="FuseFileSystemAttribute"/>
/// and the generator implements it.
/// </summary>
public interface IFuseFileSystem
{
    /// <summary>Points the native operation table at the generated entry points of the implemented operations.</summary>
    /// <param name="operations">A zeroed <c>struct fuse_operations</c>; operations left null are not implemented.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    unsafe void FillOperations(Marshalling.FuseOperations* operations);
}
