namespace FuseGen.Catalog;

/// <summary>
/// Which methods a managed parameter shape is for: a synchronous method (its reply is sent when it returns, so a
/// <c>ref</c> local or the thread's buffer can carry the result) or an async one (its reply may be sent later, from
/// what the request itself keeps: its pooled buffer, its listing, its token).
/// </summary>
internal enum MethodForm
{
    /// <summary>Both: the argument is only read during the call.</summary>
    Any,

    /// <summary>Only methods that return their result (not a task).</summary>
    Synchronous,

    /// <summary>Only methods that return a task (<see cref="AsyncTypes"/>).</summary>
    Asynchronous,
}
