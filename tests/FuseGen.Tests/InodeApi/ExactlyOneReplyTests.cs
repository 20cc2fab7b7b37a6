using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using FuseGen.Marshalling;
using FuseGen.Testing;
using FuseGen.Testing.InodeApi;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// Every request gets exactly one reply, whatever the user's method does: every entry point the generator fills in
/// MisbehavingInodeFs's table (which binds every bindable operation of the inode catalog, checked in
/// FuseGen.Generators.Tests) is called as libfuse calls it, with the method answering plausibly, throwing, returning
/// garbage and returning out-of-range values.
/// </summary>
[Collection(InodeStateCollection.Name)]
public sealed unsafe class ExactlyOneReplyTests
{
    // init and destroy are no requests: libfuse expects no reply.
    private static readonly HashSet<string> NoRequest = new() { "init", "destroy" };

    public static TheoryData<string, Misbehavior> Cases()
    {
        var data = new TheoryData<string, Misbehavior>();
        using var session = new KernelFreeInodeSession(new MisbehavingInodeFs());
        foreach (var member in Members().Where(m => !NoRequest.Contains(m.Name) && Pointer(session.Operations, m) != 0))
        {
            foreach (var behavior in Enum.GetValues<Misbehavior>())
            {
                data.Add(member.Name, behavior);
            }
        }

        return data;
    }

    [Fact]
    public void Every_bound_operation_is_a_case()
    {
        // Guards the theory: the misbehaving filesystem binds every member of the table (libfuse 3.14's, tmpfile and
        // statx), so every request member (all but init and destroy) is a case for each behavior.
        var requests = Members().Count(m => !NoRequest.Contains(m.Name));
        Assert.Equal(FuseLowLevelOperations.Count - 2, requests);
        Assert.Equal(4 * requests, Cases().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_request_gets_exactly_one_reply(string member, Misbehavior behavior)
    {
        var faults = new List<FuseFault>();
        var fs = new MisbehavingInodeFs { Behavior = behavior };
        using var session = new KernelFreeInodeSession(fs, new MountOptions { FaultHandler = faults.Add });
        var field = Members().Single(m => m.Name == member);
        var parameters = field.GetModifiedFieldType().GetFunctionPointerParameterTypes().Select(p => p.UnderlyingSystemType).ToArray();
        var blocks = new List<IntPtr>();
        try
        {
            var request = session.NewRequest();
            var arguments = new nint[9];
            for (var i = 0; i < parameters.Length; i++)
            {
                arguments[i] = i == 0 ? (nint)request : Argument(parameters[i], blocks);
            }

            var entry = (delegate* unmanaged[Cdecl]<nint, nint, nint, nint, nint, nint, nint, nint, nint, void>)Pointer(session.Operations, field);
            entry(arguments[0], arguments[1], arguments[2], arguments[3], arguments[4], arguments[5], arguments[6], arguments[7], arguments[8]);

            var replies = session.RepliesTo(request);
            Assert.True(replies.Count == 1, $"{member} ({behavior}) got {replies.Count} replies: {string.Join(", ", replies.Select(r => r.Kind + "/" + r.Error))}");
            if (behavior == Misbehavior.Throw)
            {
                Assert.Equal(member, Assert.Single(faults).Operation);
            }
        }
        finally
        {
            blocks.ForEach(Marshal.FreeHGlobal);
        }
    }

    private static IEnumerable<FieldInfo> Members() =>
        typeof(FuseLowLevelOperations).GetFields(BindingFlags.Public | BindingFlags.Instance);

    private static nint Pointer(FuseLowLevelOperations* operations, FieldInfo field) =>
        (nint)Marshal.ReadIntPtr((nint)operations, (int)Marshal.OffsetOf<FuseLowLevelOperations>(field.Name));

    /// <summary>
    /// A plausible native argument by type: an inode (1) or count, a size of 16, offsets and flags of 0, and a
    /// zeroed 4 KiB block for every pointer (a file info with handle 0, an empty name, a buffer).
    /// </summary>
    private static nint Argument(Type type, List<IntPtr> blocks)
    {
        if (type.IsPointer)
        {
            var block = Marshal.AllocHGlobal(4096);
            new Span<byte>((void*)block, 4096).Clear();
            blocks.Add(block);
            return block;
        }

        return type == typeof(ulong) ? 1 : type == typeof(nuint) ? 16 : 0;
    }
}
