using System;
using FuseGen.Marshalling;

namespace FuseGen.Interop;

/// <summary>
/// Reads back a readdirplus reply (the kernel's <c>struct fuse_direntplus</c> records) to give the inode table the
/// lookups it counted when the kernel did not take the reply.
/// </summary>
internal static unsafe class DirectoryPlusReply
{
    // struct fuse_entry_out (nodeid first) is 128 bytes; struct fuse_dirent's name starts 24 bytes after it, and
    // records are padded to 8 bytes (FUSE_DIRENTPLUS_SIZE). Kernel ABI, stable since protocol 7.21.
    private const int EntryOutSize = 128;
    private const int NameLengthOffset = EntryOutSize + 16;
    private const int NameOffset = EntryOutSize + 24;

    /// <summary>Forgets one lookup of every record's node other than "." and "..".</summary>
    public static void ForgetEntries(InodeTable table, byte* buffer, nuint length)
    {
        nuint position = 0;
        while (position + NameOffset <= length)
        {
            var record = buffer + position;
            var nodeId = *(ulong*)record;
            var nameLength = *(uint*)(record + NameLengthOffset);
            var name = new ReadOnlySpan<byte>(record + NameOffset, (int)Math.Min(nameLength, (uint)(length - position - NameOffset)));
            if (nodeId != 0 && !DirectoryEntryWriter.IsDot(name))
            {
                table.Forget(nodeId, 1);
            }

            position += ((nuint)NameOffset + nameLength + 7) & ~(nuint)7;
        }
    }
}
