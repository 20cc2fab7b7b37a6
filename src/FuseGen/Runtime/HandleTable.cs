using System;
using System.Threading;

namespace FuseGen.Runtime;

/// <summary>
/// The objects a filesystem returned from open, create and opendir, indexed by the <c>fh</c> libfuse carries.
/// </summary>
/// <remarks>
/// <para><c>fh</c> = generation &lt;&lt; 32 | (slot + 1), so 0 never names a handle and a stale or forged value is
/// recognised instead of reaching another file's object.</para>
/// <para>Lookups take no lock: they run on every read and write. The kernel sends release only after the last
/// operation on a file handle has completed, so a slot is never reused while a lookup of it is in flight.</para>
/// </remarks>
internal sealed class HandleTable
{
    private readonly object gate = new();
    private object?[] values = new object?[16];
    private uint[] generations = new uint[16];
    private int[] free = new int[16];
    private int freeCount;
    private int used;
    private int live;

    /// <summary>Number of handles currently held.</summary>
    public int Count => Volatile.Read(ref live);

    /// <summary>Stores <paramref name="value"/> and returns its non-zero <c>fh</c>.</summary>
    public ulong Add(object value)
    {
        lock (gate)
        {
            int slot;
            if (freeCount > 0)
            {
                slot = free[--freeCount];
            }
            else
            {
                if (used == values.Length)
                {
                    Grow();
                }

                slot = used++;
            }

            var generation = unchecked(generations[slot] + 1);
            generations[slot] = generation = generation == 0 ? 1 : generation;
            Volatile.Write(ref values[slot], value);
            live++;
            return ((ulong)generation << 32) | (uint)(slot + 1);
        }
    }

    /// <summary>The object for <paramref name="fh"/>, or null when it names no live handle.</summary>
    public object? Get(ulong fh)
    {
        var slot = (int)(uint)fh - 1;
        var currentValues = Volatile.Read(ref values);
        var currentGenerations = Volatile.Read(ref generations);
        if ((uint)slot >= (uint)Math.Min(currentValues.Length, currentGenerations.Length) || currentGenerations[slot] != (uint)(fh >> 32))
        {
            return null;
        }

        return Volatile.Read(ref currentValues[slot]);
    }

    /// <summary>Removes and returns the object for <paramref name="fh"/>; null when it names no live handle.</summary>
    public object? Remove(ulong fh)
    {
        lock (gate)
        {
            var value = Get(fh);
            if (value is null)
            {
                return null;
            }

            var slot = (int)(uint)fh - 1;
            values[slot] = null;
            free[freeCount++] = slot;
            live--;
            return value;
        }
    }

    /// <summary>Drops every handle (after unmount) so nothing the filesystem returned stays reachable.</summary>
    public void Clear()
    {
        lock (gate)
        {
            Array.Clear(values);
            freeCount = 0;
            used = 0;
            live = 0;
        }
    }

    private void Grow()
    {
        var size = values.Length * 2;
        var newGenerations = new uint[size];
        Array.Copy(generations, newGenerations, generations.Length);
        var newValues = new object?[size];
        Array.Copy(values, newValues, values.Length);
        Array.Resize(ref free, size);

        // Generations first: a concurrent Get that sees the new values array must also see matching generations.
        Volatile.Write(ref generations, newGenerations);
        Volatile.Write(ref values, newValues);
    }
}
