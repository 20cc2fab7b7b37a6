namespace FuseGen;

/// <summary>Flags of <c>setxattr()</c>.</summary>
public enum XattrFlags
{
    /// <summary>Create or replace.</summary>
    None = 0,

    /// <summary><c>XATTR_CREATE</c>: fail with EEXIST if the attribute exists.</summary>
    Create = 1,

    /// <summary><c>XATTR_REPLACE</c>: fail with ENODATA if the attribute does not exist.</summary>
    Replace = 2,
}
