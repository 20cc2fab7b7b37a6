namespace FuseGen.Catalog;

/// <summary>The C parameter types libfuse's callbacks use, written once for both catalogs.</summary>
internal static class NativeParameters
{
    public static NativeParameter CString(string name) => new(name, "const char *", "byte*");

    public static NativeParameter FileInfo(string name = "fi") => new(name, "struct fuse_file_info *", "void*");

    public static NativeParameter OffT(string name) => new(name, "off_t", "long");

    public static NativeParameter SizeT(string name) => new(name, "size_t", "nuint");

    public static NativeParameter Int(string name) => new(name, "int", "int");

    public static NativeParameter UInt(string name) => new(name, "unsigned int", "uint");

    public static NativeParameter ModeT(string name = "mode") => new(name, "mode_t", "uint");

    public static NativeParameter Pointer(string name, string cType) => new(name, cType, "void*");
}
