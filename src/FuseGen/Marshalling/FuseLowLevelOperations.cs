using System.ComponentModel;
using System.Runtime.InteropServices;

namespace FuseGen.Marshalling;

/// <summary>
/// Mirror of libfuse3's <c>struct fuse_lowlevel_ops</c> in 3.14 member order, plus the members later versions
/// append (<c>tmpfile</c> 3.17, <c>statx</c> 3.18). Filled by the generated code of an inode filesystem
/// (<see cref="IFuseInodeFileSystem.FillOperations"/>); libfuse receives only as many members as the loaded
/// version declares (<c>LibFuse.LowLevelOperationsSize</c>). <c>fuse_req_t</c> is <c>void*</c>, <c>fuse_ino_t</c>
/// <c>ulong</c>, <c>off_t</c> <c>long</c>, <c>mode_t</c> <c>uint</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct FuseLowLevelOperations
{
    /// <summary>Number of members this mirror declares.</summary>
    public const int Count = 46;

    /// <summary><c>void (*init)(void *userdata, struct fuse_conn_info *conn)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, void*, void> init;

    /// <summary><c>void (*destroy)(void *userdata)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, void> destroy;

    /// <summary><c>void (*lookup)(fuse_req_t req, fuse_ino_t parent, const char *name)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, void> lookup;

    /// <summary><c>void (*forget)(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, ulong, void> forget;

    /// <summary><c>void (*getattr)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, void> getattr;

    /// <summary><c>void (*setattr)(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, int, void*, void> setattr;

    /// <summary><c>void (*readlink)(fuse_req_t req, fuse_ino_t ino)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void> readlink;

    /// <summary><c>void (*mknod)(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, dev_t rdev)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, uint, ulong, void> mknod;

    /// <summary><c>void (*mkdir)(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, uint, void> mkdir;

    /// <summary><c>void (*unlink)(fuse_req_t req, fuse_ino_t parent, const char *name)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, void> unlink;

    /// <summary><c>void (*rmdir)(fuse_req_t req, fuse_ino_t parent, const char *name)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, void> rmdir;

    /// <summary><c>void (*symlink)(fuse_req_t req, const char *link, fuse_ino_t parent, const char *name)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, byte*, ulong, byte*, void> symlink;

    /// <summary><c>void (*rename)(fuse_req_t req, fuse_ino_t parent, const char *name, fuse_ino_t newparent, const char *newname, unsigned int flags)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, ulong, byte*, uint, void> rename;

    /// <summary><c>void (*link)(fuse_req_t req, fuse_ino_t ino, fuse_ino_t newparent, const char *newname)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, ulong, byte*, void> link;

    /// <summary><c>void (*open)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, void> open;

    /// <summary><c>void (*read)(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, nuint, long, void*, void> read;

    /// <summary><c>void (*write)(fuse_req_t req, fuse_ino_t ino, const char *buf, size_t size, off_t off, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, nuint, long, void*, void> write;

    /// <summary><c>void (*flush)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, void> flush;

    /// <summary><c>void (*release)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, void> release;

    /// <summary><c>void (*fsync)(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, int, void*, void> fsync;

    /// <summary><c>void (*opendir)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, void> opendir;

    /// <summary><c>void (*readdir)(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, nuint, long, void*, void> readdir;

    /// <summary><c>void (*releasedir)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, void> releasedir;

    /// <summary><c>void (*fsyncdir)(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, int, void*, void> fsyncdir;

    /// <summary><c>void (*statfs)(fuse_req_t req, fuse_ino_t ino)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void> statfs;

    /// <summary><c>void (*setxattr)(fuse_req_t req, fuse_ino_t ino, const char *name, const char *value, size_t size, int flags)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, byte*, nuint, int, void> setxattr;

    /// <summary><c>void (*getxattr)(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, nuint, void> getxattr;

    /// <summary><c>void (*listxattr)(fuse_req_t req, fuse_ino_t ino, size_t size)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, nuint, void> listxattr;

    /// <summary><c>void (*removexattr)(fuse_req_t req, fuse_ino_t ino, const char *name)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, void> removexattr;

    /// <summary><c>void (*access)(fuse_req_t req, fuse_ino_t ino, int mask)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, int, void> access;

    /// <summary><c>void (*create)(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, byte*, uint, void*, void> create;

    /// <summary><c>void (*getlk)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi, struct flock *lock)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, void*, void> getlk;

    /// <summary><c>void (*setlk)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi, struct flock *lock, int sleep)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, void*, int, void> setlk;

    /// <summary><c>void (*bmap)(fuse_req_t req, fuse_ino_t ino, size_t blocksize, uint64_t idx)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, nuint, ulong, void> bmap;

    /// <summary><c>void (*ioctl)(fuse_req_t req, fuse_ino_t ino, unsigned int cmd, void *arg, struct fuse_file_info *fi, unsigned flags, const void *in_buf, size_t in_bufsz, size_t out_bufsz)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, uint, void*, void*, uint, void*, nuint, nuint, void> ioctl;

    /// <summary><c>void (*poll)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi, struct fuse_pollhandle *ph)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, void*, void> poll;

    /// <summary><c>void (*write_buf)(fuse_req_t req, fuse_ino_t ino, struct fuse_bufvec *bufv, off_t off, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, long, void*, void> write_buf;

    /// <summary><c>void (*retrieve_reply)(fuse_req_t req, void *cookie, fuse_ino_t ino, off_t offset, struct fuse_bufvec *bufv)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, void*, ulong, long, void*, void> retrieve_reply;

    /// <summary><c>void (*forget_multi)(fuse_req_t req, size_t count, struct fuse_forget_data *forgets)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, nuint, void*, void> forget_multi;

    /// <summary><c>void (*flock)(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi, int op)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, void*, int, void> flock;

    /// <summary><c>void (*fallocate)(fuse_req_t req, fuse_ino_t ino, int mode, off_t offset, off_t length, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, int, long, long, void*, void> fallocate;

    /// <summary><c>void (*readdirplus)(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, nuint, long, void*, void> readdirplus;

    /// <summary><c>void (*copy_file_range)(fuse_req_t req, fuse_ino_t ino_in, off_t off_in, struct fuse_file_info *fi_in, fuse_ino_t ino_out, off_t off_out, struct fuse_file_info *fi_out, size_t len, int flags)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, long, void*, ulong, long, void*, nuint, int, void> copy_file_range;

    /// <summary><c>void (*lseek)(fuse_req_t req, fuse_ino_t ino, off_t off, int whence, struct fuse_file_info *fi)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, long, int, void*, void> lseek;

    /// <summary><c>void (*tmpfile)(fuse_req_t req, fuse_ino_t parent, mode_t mode, struct fuse_file_info *fi)  (libfuse 3.17)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, uint, void*, void> tmpfile;

    /// <summary><c>void (*statx)(fuse_req_t req, fuse_ino_t ino, int flags, int mask, struct fuse_file_info *fi)  (libfuse 3.18)</c></summary>
    public delegate* unmanaged[Cdecl]<void*, ulong, int, int, void*, void> statx;
}
