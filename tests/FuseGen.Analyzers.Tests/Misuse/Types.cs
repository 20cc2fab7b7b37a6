using System;
using FuseGen;

namespace Misuse;

[FuseFileSystem]
public class NotPartial // expect: FUSE002
{
}

[FuseFileSystem]
public partial class Generic<T> // expect: FUSE002
{
}

public class Outer
{
    [FuseFileSystem]
    public partial class NestedInNonPartial // expect: FUSE002
    {
    }
}

public class NotAFileSystem
{
    [Unlink] // expect: FUSE003
    private static void Remove(string path) { }
}
