using System.Threading.Tasks;
using System;

namespace FuseGen.Marshalling;

/// <summary>
/// The continuation of one deferred inode request: waits for the user's task without capturing a context and
/// answers through <see cref="AsyncInodeRequest"/> on the thread that completed it. Pooled per result type, so a
/// deferred request allocates nothing of FuseGen's in the steady state.
/// </summary>
/// <typeparam name="T">The task's result type (<see cref="bool"/> stands for a task without a result).</typeparam>
internal sealed class AsyncReply<T>
{
    private const int PoolCapacity = 256;

    private static readonly object PoolGate = new();
    private static readonly AsyncReply<T>?[] Pool = new AsyncReply<T>?[PoolCapacity];
    private static int pooled;

    private readonly Action continuation;
    private AsyncInodeRequest? call;
    private ValueTask<T> typed;
    private ValueTask untyped;
    private Action<AsyncInodeRequest, T>? typedReply;
    private Action<AsyncInodeRequest>? untypedReply;
    private string operation = "";

    private AsyncReply() => continuation = OnCompleted;

    public static void Start(AsyncInodeRequest call, ValueTask<T> task, Action<AsyncInodeRequest, T> reply, string operation)
    {
        var waiter = Rent();
        waiter.call = call;
        waiter.typed = task;
        waiter.typedReply = reply;
        waiter.operation = operation;
        waiter.Await(call, task.ConfigureAwait(false).GetAwaiter(), default, typedTask: true);
    }

    public static void Start(AsyncInodeRequest call, ValueTask task, Action<AsyncInodeRequest> reply, string operation)
    {
        var waiter = Rent();
        waiter.call = call;
        waiter.untyped = task;
        waiter.untypedReply = reply;
        waiter.operation = operation;
        waiter.Await(call, default, task.ConfigureAwait(false).GetAwaiter(), typedTask: false);
    }

    private static AsyncReply<T> Rent()
    {
        lock (PoolGate)
        {
            if (pooled > 0)
            {
                var waiter = Pool[--pooled]!;
                Pool[pooled] = null;
                return waiter;
            }
        }

        return new AsyncReply<T>();
    }

    private void Await(
        AsyncInodeRequest owner,
        System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable<T>.ConfiguredValueTaskAwaiter typedAwaiter,
        System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable.ConfiguredValueTaskAwaiter untypedAwaiter,
        bool typedTask)
    {
        try
        {
            // Unsafe: the ExecutionContext is not captured (nothing of the user's flows into the reply), which is
            // also what keeps this free of allocation for Task-backed and IValueTaskSource-backed tasks alike.
            if (typedTask)
            {
                typedAwaiter.UnsafeOnCompleted(continuation);
            }
            else
            {
                untypedAwaiter.UnsafeOnCompleted(continuation);
            }
        }
        catch (Exception e)
        {
            // A broken IValueTaskSource: the request is still unanswered, and this waiter never ran.
            var op = operation;
            Clear();
            Return(this);
            owner.Fail(e, op);
        }
    }

    private void OnCompleted()
    {
        var owner = call!;
        var op = operation;
        var typedTask = typedReply is not null;
        var task = typed;
        var untypedTask = untyped;
        var reply = typedReply;
        var statusReply = untypedReply;
        Clear();
        Return(this);

        if (typedTask)
        {
            T result;
            try
            {
                result = task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                owner.Fail(e, op);
                return;
            }

            owner.Reply(reply!, result, op);
        }
        else
        {
            try
            {
                untypedTask.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                owner.Fail(e, op);
                return;
            }

            owner.Reply(static (c, action) => action(c), statusReply!, op);
        }
    }

    private void Clear()
    {
        call = null;
        typed = default;
        untyped = default;
        typedReply = null;
        untypedReply = null;
        operation = "";
    }

    private static void Return(AsyncReply<T> waiter)
    {
        lock (PoolGate)
        {
            if (pooled < PoolCapacity)
            {
                Pool[pooled++] = waiter;
            }
        }
    }
}
