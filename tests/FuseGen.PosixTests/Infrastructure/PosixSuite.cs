using System.Runtime.CompilerServices;
using FuseGen.PosixTests.Targets;
using Xunit;

namespace FuseGen.PosixTests.Infrastructure;

/// <summary>Base of the suites: each test asks for its target by name and works in a fresh directory of it.</summary>
[Collection(PosixCollection.Name)]
public abstract class PosixSuite
{
    private readonly TargetPool pool;

    protected PosixSuite(TargetPool pool) => this.pool = pool;

    /// <summary>The target and a new empty directory (mode 0777) in it for the calling test.</summary>
    protected (PosixTarget Target, string Directory) Setup(string target, [CallerMemberName] string test = "")
    {
        var started = pool.Get(target);
        return (started, started.NewDirectory(test));
    }

    /// <summary>Just a new directory on the target.</summary>
    protected string Directory(string target, [CallerMemberName] string test = "") => Setup(target, test).Directory;
}
