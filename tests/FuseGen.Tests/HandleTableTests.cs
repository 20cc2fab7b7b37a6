using System.Threading;
using System.Threading.Tasks;
using FuseGen.Runtime;
using Xunit;

namespace FuseGen.Tests;

/// <summary>The <c>fh</c> table behind typed handles: numbering, reuse, growth and lock-free lookups.</summary>
public sealed class HandleTableTests
{
    [Fact]
    public void Every_handle_resolves_to_its_object_after_the_table_grew()
    {
        var table = new HandleTable();
        var objects = new object[100];
        var handles = new ulong[objects.Length];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = new object();
            handles[i] = table.Add(objects[i]);
            Assert.NotEqual(0ul, handles[i]);
        }

        for (var i = 0; i < objects.Length; i++)
        {
            Assert.Same(objects[i], table.Get(handles[i]));
        }

        Assert.Equal(objects.Length, table.Count);
    }

    [Fact]
    public void A_freed_slot_reused_by_another_object_does_not_answer_to_the_old_handle()
    {
        var table = new HandleTable();
        var first = new object();
        var second = new object();
        var old = table.Add(first);

        Assert.Same(first, table.Remove(old));
        Assert.Null(table.Get(old));
        var current = table.Add(second);

        Assert.Equal((uint)old, (uint)current); // the same slot, another generation
        Assert.Null(table.Get(old));
        Assert.Null(table.Remove(old));
        Assert.Same(second, table.Get(current));
    }

    [Fact]
    public void A_handle_from_before_a_clear_does_not_name_a_later_object()
    {
        var table = new HandleTable();
        var old = table.Add(new object());
        table.Clear();
        var later = new object();
        var current = table.Add(later);

        Assert.Equal(1, table.Count);
        Assert.Null(table.Get(old));
        Assert.Same(later, table.Get(current));
    }

    [Fact]
    public async Task Lookups_racing_with_growth_always_find_a_live_handle()
    {
        var table = new HandleTable();
        var watched = new object();
        var handle = table.Add(watched);
        var misses = 0;
        using var done = new ManualResetEventSlim();

        var reader = Task.Run(() =>
        {
            while (!done.IsSet)
            {
                if (!ReferenceEquals(table.Get(handle), watched))
                {
                    Interlocked.Increment(ref misses);
                }
            }
        });

        // Each doubling publishes a new slot array while the reader is looking the handle up.
        for (var i = 0; i < 20_000; i++)
        {
            table.Add(new object());
        }

        done.Set();
        await reader;
        Assert.Equal(0, misses);
        Assert.Same(watched, table.Get(handle));
    }
}
