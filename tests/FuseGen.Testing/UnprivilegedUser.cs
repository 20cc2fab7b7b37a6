using System.Collections.Generic;
using System.Linq;

namespace FuseGen.Testing;

/// <summary>The unprivileged user tests act as (uid and gid 1000), through <c>setpriv</c> from a root test process.</summary>
public static class UnprivilegedUser
{
    public const uint Uid = 1000;

    public const uint Gid = 1000;

    /// <summary>
    /// The <c>setpriv</c> arguments that run <paramref name="program"/> as that user, with no supplementary groups
    /// (so no group of root's grants access by accident).
    /// </summary>
    public static IEnumerable<string> SetprivArguments(string program, IEnumerable<string> arguments) =>
        new[] { $"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", "--", program }.Concat(arguments);
}
