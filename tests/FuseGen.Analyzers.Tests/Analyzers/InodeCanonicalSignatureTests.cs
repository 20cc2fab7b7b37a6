using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FuseGen.Analyzers.Tests.Infrastructure;
using FuseGen.Catalog;
using Xunit;

namespace FuseGen.Analyzers.Tests.Analyzers;

/// <summary>
/// Every inode operation's canonical signature, as the README table and the attribute docs show it, draws no
/// diagnostic, compiles with the generator's output and is bound: the analyzers and the generator agree on each row
/// of the inode catalog through the shared matcher, the rows added last (setattr, locks, ioctl, poll, write_buf,
/// retrieve_reply, forget_multi, statx) included.
/// </summary>
public class InodeCanonicalSignatureTests
{
    public static IEnumerable<object[]> Operations => ApiCatalog.Inode.All.Select(o => new object[] { o.Name });

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task The_canonical_signature_is_accepted_and_bound(string name)
    {
        var operation = ApiCatalog.Inode.Find(name)!;
        // The canonical form names the filesystem's handle type THandle: OpenFile here.
        var method = "[" + name + "]\n" + operation.CanonicalSignature(name).Replace("THandle", "OpenFile") + " => throw new System.NotSupportedException();\n";
        var lookup = name == "Lookup" ? "" : "[Lookup]\nErrno Lookup(ulong parent, ReadOnlySpan<byte> name, ref InodeEntry entry) => Errno.ENOENT;\n";
        await AnalyzerVerifier.VerifyValidAsync(Sources.Usings + "using UnixFileMode = System.IO.UnixFileMode;\n\npublic sealed class OpenFile { }\n\n[FuseInodeFileSystem]\npublic partial class Fs\n{\n" + lookup + method + "}\n");
    }
}
