using System.IO;
using FuseGen.Testing.Roslyn;
using Xunit;

namespace FuseGen.Generators.Tests.Infrastructure;

/// <summary>The checked-in filesystems under <c>Inputs/</c>.</summary>
internal static class Inputs
{
    public const string HelloFs = nameof(HelloFs);
    public const string InstanceFs = nameof(InstanceFs);
    public const string NestedFs = nameof(NestedFs);
    public const string GlobalFs = nameof(GlobalFs);
    public const string AllOperationsFs = nameof(AllOperationsFs);
    public const string HandleFs = nameof(HandleFs);
    public const string BufferFormsFs = nameof(BufferFormsFs);
    public const string NewerOperationsFs = nameof(NewerOperationsFs);
    public const string InodeFs = nameof(InodeFs);
    public const string InodeFormsFs = nameof(InodeFormsFs);
    public const string AsyncInodeFs = nameof(AsyncInodeFs);
    public const string InodeRepliesFs = nameof(InodeRepliesFs);

    public static readonly string[] Names = { HelloFs, InstanceFs, NestedFs, GlobalFs, AllOperationsFs, HandleFs, BufferFormsFs, NewerOperationsFs, InodeFs, InodeFormsFs, AsyncInodeFs, InodeRepliesFs };

    /// <summary>The inputs on the inode API (<c>[FuseInodeFileSystem]</c>).</summary>
    public static readonly string[] InodeNames = { InodeFs, InodeFormsFs, AsyncInodeFs, InodeRepliesFs };

    /// <summary>Every input, for theories.</summary>
    public static TheoryData<string> All => new(Names);

    public static string Read(string name) => File.ReadAllText(TestPaths.Input(name));

    public static GeneratorRun Run(string name) => GeneratorRunner.Run(Read(name));
}
