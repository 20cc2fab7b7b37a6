namespace FuseGen;

/// <summary>The <c>whence</c> of <c>lseek()</c>; FUSE sends only <see cref="Data"/> and <see cref="Hole"/>.</summary>
public enum Whence
{
    /// <summary><c>SEEK_SET</c>.</summary>
    Set = 0,

    /// <summary><c>SEEK_CUR</c>.</summary>
    Current = 1,

    /// <summary><c>SEEK_END</c>.</summary>
    End = 2,

    /// <summary><c>SEEK_DATA</c>: the next offset at or after the given one that holds data (ENXIO past the end).</summary>
    Data = 3,

    /// <summary><c>SEEK_HOLE</c>: the next hole at or after the given one (the end of file counts as a hole).</summary>
    Hole = 4,
}
