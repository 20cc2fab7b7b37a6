namespace FuseGen.Catalog;

/// <summary>
/// The task types an inode operation method may return instead of its result, and the BCL types async shapes name,
/// as Roslyn's <c>FullyQualifiedFormat</c> prints them. (Not in <see cref="RuntimeNames"/>, which lists FuseGen's own.)
/// </summary>
internal static class AsyncTypes
{
    public const string TasksNamespace = "System.Threading.Tasks";

    /// <summary><c>ValueTask</c> and <c>ValueTask&lt;T&gt;</c>: the form that completes inline without allocating.</summary>
    public const string ValueTask = "ValueTask";

    /// <summary><c>Task</c> and <c>Task&lt;T&gt;</c>.</summary>
    public const string Task = "Task";

    public const string CancellationToken = "global::System.Threading.CancellationToken";

    public const string Memory = "global::System.Memory<byte>";
}
