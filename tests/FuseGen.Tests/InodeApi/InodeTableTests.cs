using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>The inode table alone: numbering, lookup counts, release at zero, generations, threads, allocation.</summary>
public sealed class InodeTableTests
{
    private sealed class Node
    {
        public Node(int id) => Id = id;

        public int Id { get; }
    }

    [Fact]
    public void Root_is_inode_1_and_never_released()
    {
        var root = new Node(0);
        var released = new List<Node>();
        var table = new InodeTable<Node>(root, released.Add);

        Assert.Equal(1ul, table.Reference(root, out var generation));
        table.Forget(1, 1000);

        Assert.Same(root, table[1]);
        Assert.Equal(0, table.Count);
        Assert.Empty(released);
        Assert.Equal(0ul, generation);
    }

    [Fact]
    public void A_node_lives_until_its_last_lookup_is_forgotten()
    {
        var released = new List<Node>();
        var table = new InodeTable<Node>(new Node(0), released.Add);
        var node = new Node(1);

        var inode = table.Reference(node, out _);
        Assert.Equal(inode, table.Reference(node, out _));
        Assert.Equal(inode, table.Reference(node, out _));
        Assert.Equal(3ul, table.LookupCount(inode));

        table.Forget(inode, 2);
        Assert.Same(node, table[inode]);
        Assert.Empty(released);

        table.Forget(inode, 1);
        Assert.False(table.TryGetNode(inode, out _));
        Assert.False(table.TryGetInode(node, out _));
        Assert.Equal(new[] { node }, released);
        Assert.Equal(0, table.Count);
        Assert.Equal(Errno.ESTALE, Assert.Throws<FuseException>(() => table[inode]).Errno);
    }

    [Fact]
    public void A_reused_inode_number_has_a_new_generation()
    {
        var table = new InodeTable<Node>(new Node(0));
        var first = table.Reference(new Node(1), out var firstGeneration);
        table.Forget(first, 1);

        var second = table.Reference(new Node(2), out var secondGeneration);

        Assert.Equal(first, second);
        Assert.True(secondGeneration > firstGeneration, $"generation {secondGeneration} after {firstGeneration}");
    }

    [Fact]
    public void More_forgets_than_lookups_release_without_wrapping()
    {
        var table = new InodeTable<Node>(new Node(0));
        var inode = table.Reference(new Node(1), out _);

        table.Forget(inode, 5);

        Assert.Equal(0, table.Count);
        Assert.Equal(0ul, table.LookupCount(inode));
    }

    [Fact]
    public void Forgetting_an_unknown_inode_changes_nothing()
    {
        var table = new InodeTable<Node>(new Node(0));
        var inode = table.Reference(new Node(1), out _);

        table.Forget(inode + 100, 1);
        table.Forget(0, 1);

        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Hundred_thousand_lookups_and_forgets_leave_the_table_empty()
    {
        const int Files = 100_000;
        var released = 0;
        var table = new InodeTable<Node>(new Node(0), _ => released++);
        var inodes = new ulong[Files];
        for (var i = 0; i < Files; i++)
        {
            inodes[i] = table.Reference(new Node(i + 1), out _);
        }

        Assert.Equal(Files, table.Count);
        Assert.Equal(Files, new HashSet<ulong>(inodes).Count);

        foreach (var inode in inodes)
        {
            table.Forget(inode, 1);
        }

        Assert.Equal(0, table.Count);
        Assert.Equal(Files, released);
    }

    [Fact]
    public void Concurrent_lookups_and_forgets_balance_out()
    {
        const int Threads = 4;
        const int Rounds = 20_000;
        var nodes = new Node[64];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new Node(i + 1);
        }

        var table = new InodeTable<Node>(new Node(0));
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var random = new Random(thread);
            for (var round = 0; round < Rounds; round++)
            {
                var node = nodes[random.Next(nodes.Length)];
                var inode = table.Reference(node, out _);
                Assert.Same(node, table[inode]);
                table.Forget(inode, 1);
            }
        });

        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Resolving_and_counting_a_held_node_allocates_nothing()
    {
        var table = new InodeTable<Node>(new Node(0));
        var node = new Node(1);
        var inode = table.Reference(node, out _);
        Warm(table, node, inode);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Warm(table, node, inode);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void Warm(InodeTable<Node> table, Node node, ulong inode)
    {
        for (var i = 0; i < 1000; i++)
        {
            _ = table[inode];
            table.Reference(node, out _);
            table.Forget(inode, 1);
        }
    }
}
