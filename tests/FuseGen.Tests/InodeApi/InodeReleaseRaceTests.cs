using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// A lookup that found a node just before a forget released it: the entry must not hand the kernel the released
/// node (a mirror would have closed its fd, a tree dropped it), neither through the table nor through a trampoline.
/// </summary>
[Collection(InodeStateCollection.Name)]
public sealed partial class InodeReleaseRaceTests
{
    private const ulong Root = 1;
    private const int ESTALE = (int)Errno.ESTALE;

    private sealed class Node
    {
        private int releases;

        public Node(string name) => Name = name;

        public string Name { get; }

        public int Releases => Volatile.Read(ref releases);

        public void Released() => Interlocked.Increment(ref releases);
    }

    [Fact]
    public void A_node_released_after_the_lookup_began_is_not_counted_again()
    {
        var released = new List<Node>();
        var table = new InodeTable<Node>(new Node(""), released.Add);
        var node = new Node("a");
        var inode = table.Reference(node, out _);

        var began = InodeTable.Now; // the lookup begins and finds the node, still held by the kernel
        table.Forget(inode, 1);     // a concurrent forget takes the count to zero: released
        var replied = table.Reference(node, out var generation, began);

        Assert.Equal(0ul, replied);
        Assert.Equal(0ul, generation);
        Assert.Equal(new[] { node }, released);
        Assert.Equal(0, table.Count);
        Assert.False(table.TryGetInode(node, out _));
        Assert.False(table.TryGetNode(inode, out _));
    }

    [Fact]
    public void A_node_the_filesystem_keeps_after_its_release_is_numbered_afresh_by_a_later_request()
    {
        var released = new List<Node>();
        var table = new InodeTable<Node>(new Node(""), released.Add);
        var node = new Node("kept");
        var first = table.Reference(node, out var firstGeneration);
        table.Forget(first, 1);

        var again = table.Reference(node, out var generation, InodeTable.Now);

        Assert.Equal(first, again);
        Assert.True(generation > firstGeneration, $"generation {generation} after {firstGeneration}");
        Assert.Equal(1ul, table.LookupCount(again));
        table.Forget(again, 1);
        Assert.Equal(new[] { node, node }, released);
    }

    [Fact]
    public void Without_a_release_callback_a_forgotten_node_is_numbered_again()
    {
        var table = new InodeTable<Node>(new Node(""));
        var node = new Node("a");
        var began = InodeTable.Now;
        table.Forget(table.Reference(node, out _), 1);

        Assert.NotEqual(0ul, table.Reference(node, out _, began));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public async Task An_entry_for_a_node_whose_release_still_runs_waits_for_it_and_is_not_counted()
    {
        using var inCallback = new ManualResetEventSlim();
        using var letGo = new ManualResetEventSlim();
        var node = new Node("a");
        var table = new InodeTable<Node>(new Node(""), gone =>
        {
            inCallback.Set();
            letGo.Wait();
            gone.Released();
        });
        var inode = table.Reference(node, out _);

        var forget = Task.Run(() => table.Forget(inode, 1));
        inCallback.Wait();
        var began = InodeTable.Now; // a lookup that begins while the callback runs, and finds the node not yet let go
        var lookup = Task.Run(() => table.Reference(node, out _, began));

        // The callback has not returned: the lookup cannot have an answer yet (a node half released is neither).
        Assert.False(lookup.IsCompleted);
        letGo.Set();

        Assert.Equal(0ul, await lookup);
        await forget;
        Assert.Equal(1, node.Releases);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public unsafe void Lookup_trampoline_answers_estale_for_a_node_released_while_it_ran_and_the_next_lookup_gets_a_live_node()
    {
        var fs = new RacingFs();
        using var session = new KernelFreeInodeSession(fs);
        var first = LookupA(session);
        Assert.Equal("entry", first.Kind);

        // The next lookup finds the node, then the kernel's forget of the first lookup runs before the reply.
        fs.AfterResolve = _ =>
        {
            fs.AfterResolve = null;
            session.Operations->forget(session.NewRequest(), first.Inode, 1);
        };
        var raced = LookupA(session);

        Assert.Equal(("err", ESTALE), (raced.Kind, raced.Error));
        Assert.Single(fs.Released);
        Assert.Equal(1, fs.Released[0].Releases);
        Assert.Equal(0, fs.Nodes.Count);

        var retried = LookupA(session);
        Assert.Equal("entry", retried.Kind);
        Assert.True(fs.Nodes.TryGetNode(retried.Inode, out var live));
        Assert.NotSame(fs.Released[0], live);
        Assert.Equal(0, live.Releases);
        Assert.True(retried.Inode != first.Inode || retried.Generation > first.Generation, "(inode, generation) repeated");
    }

    [Fact]
    public unsafe void Readdirplus_lists_a_node_released_while_it_ran_without_counting_it()
    {
        var fs = new RacingFs();
        using var session = new KernelFreeInodeSession(fs);
        var first = LookupA(session);
        fs.AfterResolve = _ =>
        {
            fs.AfterResolve = null;
            session.Operations->forget(session.NewRequest(), first.Inode, 1);
        };

        var listing = session.NewRequest();
        session.Operations->readdirplus(listing, Root, 4096, 0, null);

        Assert.Equal("buf", session.SingleReply(listing).Kind);
        Assert.Single(fs.Released);
        Assert.Equal(0, fs.Nodes.Count);
    }

    [Fact]
    public void Racing_lookups_and_forgets_never_count_a_released_node_and_release_each_node_once()
    {
        const int Threads = 4;
        const int Rounds = 20_000;
        const int Names = 8;
        var structure = new ConcurrentDictionary<string, Node>();
        var registered = new ConcurrentDictionary<Node, bool>(ReferenceEqualityComparer.Instance);
        var violations = 0;
        var table = new InodeTable<Node>(new Node(""), node =>
        {
            node.Released();
            structure.TryRemove(new KeyValuePair<string, Node>(node.Name, node));
        });

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var random = new Random(thread);
            var held = new List<ulong>();
            for (var round = 0; round < Rounds; round++)
            {
                if (held.Count > 0 && random.Next(2) == 0)
                {
                    var at = random.Next(held.Count);
                    table.Forget(held[at], 1);
                    held.RemoveAt(at);
                    continue;
                }

                // A lookup as the kernel retries it after ESTALE: begin, find or make the node, reply.
                while (true)
                {
                    var began = InodeTable.Now;
                    var name = "n" + random.Next(Names);
                    var node = structure.GetOrAdd(name, static n => new Node(n));
                    var inode = table.Reference(node, out _, began);
                    if (inode == 0)
                    {
                        continue;
                    }

                    // This thread holds a count: the node cannot be released now, so it must not have been before.
                    if (node.Releases != 0)
                    {
                        Interlocked.Increment(ref violations);
                    }

                    registered.TryAdd(node, true);
                    held.Add(inode);
                    break;
                }
            }

            foreach (var inode in held)
            {
                table.Forget(inode, 1);
            }
        });

        Assert.Equal(0, violations);
        Assert.Equal(0, table.Count);
        Assert.Empty(structure);
        Assert.All(registered.Keys, node => Assert.Equal(1, node.Releases));
    }

    private static unsafe InodeReply LookupA(KernelFreeInodeSession session)
    {
        using var name = NativeBlock.CString("a");
        var request = session.NewRequest();
        session.Operations->lookup(request, Root, name.Pointer);
        return session.SingleReply(request);
    }

    /// <summary>Names made on lookup in the root and dropped when released, with a hook between finding a node and replying.</summary>
    [FuseInodeFileSystem]
    private sealed partial class RacingFs
    {
        private readonly ConcurrentDictionary<string, Node> children = new();

        public RacingFs() => Nodes = new InodeTable<Node>(new Node(""), node =>
        {
            node.Released();
            Released.Add(node);
            children.TryRemove(new KeyValuePair<string, Node>(node.Name, node));
        });

        public InodeTable<Node> Nodes { get; }

        InodeTable? IFuseInodeFileSystem.Inodes => Nodes;

        public List<Node> Released { get; } = new();

        public Action<Node>? AfterResolve { get; set; }

        [Lookup]
        private InodeEntry Lookup(ulong parent, string name)
        {
            var node = children.GetOrAdd(name, static n => new Node(n));
            AfterResolve?.Invoke(node);
            return new InodeEntry(node, new Stat { Type = FileType.Regular });
        }

        [Readdirplus]
        private void Readdirplus(ulong node, ref InodeDirectoryFiller entries)
        {
            foreach (var child in children.Values)
            {
                AfterResolve?.Invoke(child);
                entries.Add(Encoding.UTF8.GetBytes(child.Name), new InodeEntry(child, new Stat { Type = FileType.Regular }));
            }
        }
    }
}
