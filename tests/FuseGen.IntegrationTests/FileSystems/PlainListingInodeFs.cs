using System;
using System.Text;
using FuseGen;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// A root directory of <c>f0</c>...<c>fN</c> whose readdirplus lists every entry by number and type only (the
/// filler's simple form), as a filesystem does for "." and ".." or for a name it cannot describe: the kernel looks
/// such entries up itself.
/// </summary>
[FuseInodeFileSystem]
internal sealed partial class PlainListingInodeFs
{
    private const ulong Root = 1;
    private readonly int files;

    public PlainListingInodeFs(int files) => this.files = files;

    public OperationLog Calls { get; } = new();

    [Lookup]
    private Errno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry)
    {
        Calls.Hit("lookup");
        var text = Encoding.UTF8.GetString(name);
        if (parent != Root || !text.StartsWith('f') || !int.TryParse(text.AsSpan(1), out var index) || index < 0 || index >= files)
        {
            return Errno.ENOENT;
        }

        var inode = (ulong)index + 2;
        entry = new InodeEntry(inode, Attributes(inode));
        return Errno.None;
    }

    [Getattr]
    private static Stat Getattr(ulong node) => Attributes(node);

    [Readdirplus]
    private void Readdirplus(ulong node, ref InodeDirectoryFiller entries)
    {
        Calls.Hit("readdirplus");
        if (!entries.Add("."u8, Root, FileType.Directory) || !entries.Add(".."u8, Root, FileType.Directory))
        {
            return;
        }

        for (var index = 0; index < files; index++)
        {
            if (!entries.Add(Encoding.UTF8.GetBytes("f" + index), (ulong)index + 2, FileType.Regular))
            {
                return;
            }
        }
    }

    private static Stat Attributes(ulong node) => node == Root
        ? new Stat { Inode = Root, Mode = 0x41ED, Links = 2 }
        : new Stat { Inode = node, Mode = 0x81A4, Links = 1 };
}
