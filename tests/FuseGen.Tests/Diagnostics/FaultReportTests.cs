using System;
using System.Collections.Generic;
using FuseGen.Marshalling;
using FuseGen.Testing;
using FuseGen.Tests.Trampolines;
using Xunit;

namespace FuseGen.Tests.Diagnostics;

/// <summary>What a fault report says about the request that failed: operation, path, caller, errno, exception.</summary>
[Collection(GlobalStateCollection.Name)]
public sealed unsafe class FaultReportTests : IDisposable
{
    private readonly KernelFreeSession fuse;
    private readonly List<FuseFault> faults = new();

    public FaultReportTests(KernelFreeSession fuse)
    {
        this.fuse = fuse;
        fuse.Serve(new RecordingFs(), new MountOptions { FaultHandler = faults.Add });
    }

    public void Dispose() => fuse.Leave();

    [Fact]
    public void A_fault_of_a_request_naming_a_path_carries_the_path_and_the_caller()
    {
        fuse.Caller = new FakeCaller(Uid: 1001, Gid: 1002, Pid: 4242, Umask: 0x12);
        using var path = NativeBlock.CString("/dir/é file");

        var result = FuseRequest.Current.Fail(new InvalidOperationException("boom"), "unlink", path.Pointer);

        Assert.Equal(-(int)Errno.EIO, result);
        var fault = Assert.Single(faults);
        Assert.Equal("unlink", fault.Operation);
        Assert.Equal("/dir/é file", fault.Path);
        Assert.Equal(4242, fault.ProcessId);
        Assert.Equal(1001u, fault.UserId);
        Assert.Equal(1002u, fault.GroupId);
        Assert.Equal(
            "unlink '/dir/é file' (pid 4242, uid 1001) failed with InvalidOperationException, answered EIO: System.InvalidOperationException: boom",
            fault.ToString());
    }

    [Fact]
    public void A_fault_without_a_path_says_so()
    {
        FuseRequest.Current.Fail(new InvalidOperationException("boom"), "statfs");

        var fault = Assert.Single(faults);
        Assert.Null(fault.Path);
        Assert.StartsWith("statfs (pid 8910, uid 1234) failed with", fault.ToString());
    }

    [Fact]
    public void A_report_made_outside_a_request_has_no_caller()
    {
        fuse.Leave();
        var report = new FuseFault("read", new InvalidOperationException("x"), Errno.EIO) { Inode = 42 };

        Assert.Equal(0, report.ProcessId);
        Assert.Equal("read inode 42 (pid 0, uid 0) failed with InvalidOperationException, answered EIO: System.InvalidOperationException: x", report.ToString());
    }
}
