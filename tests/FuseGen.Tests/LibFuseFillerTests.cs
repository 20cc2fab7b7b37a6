using System;
using FuseGen.Interop;
using FuseGen.Marshalling;
using FuseGen.Interop.Native;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests;

/// <summary>
/// Which fillers <see cref="DirectoryFiller"/> calls without a GC transition: only functions of the libfuse FuseGen
/// loaded, and none while a mount looks entries up in its filler (readdir_ino).
/// </summary>
[Collection(GlobalStateCollection.Name)]
public sealed unsafe class LibFuseFillerTests : IDisposable
{
    public void Dispose() => LibFuseFiller.ForgetForTesting();

    [Fact]
    public void A_managed_filler_keeps_the_transition()
    {
        // Entered from cooperative mode, a managed filler would abort the process.
        Assert.False(LibFuseFiller.AllowsDirectFill(FakeFiller.CollectPointer));
        Assert.False(LibFuseFiller.AllowsDirectFill(FakeFiller.CollectPointer)); // and is not remembered as trusted
    }

    [Fact]
    public void No_filler_keeps_the_transition()
    {
        Assert.False(LibFuseFiller.AllowsDirectFill(null));
    }

    [MountFact]
    public void A_function_of_the_loaded_libfuse_skips_it()
    {
        LibFuse.EnsureLoaded();
        var insideLibFuse = (void*)LibFuse.fuse_buf_size;

        Assert.True(LibFuseFiller.AllowsDirectFill(insideLibFuse));
        Assert.True(LibFuseFiller.AllowsDirectFill(insideLibFuse)); // remembered
    }

    [MountFact]
    public void A_mount_with_readdir_ino_keeps_every_filler_on_the_transition_until_it_ends()
    {
        LibFuse.EnsureLoaded();
        var insideLibFuse = (void*)LibFuse.fuse_buf_size;
        var plain = default(fuse_config);
        var lookingUp = new fuse_config { readdir_ino = 1 };

        Assert.False(LibFuseFiller.MountStarted(&plain));
        Assert.True(LibFuseFiller.AllowsDirectFill(insideLibFuse));

        Assert.True(LibFuseFiller.MountStarted(&lookingUp));
        try
        {
            Assert.False(LibFuseFiller.AllowsDirectFill(insideLibFuse));
        }
        finally
        {
            LibFuseFiller.MountEnded();
        }

        Assert.True(LibFuseFiller.AllowsDirectFill(insideLibFuse));
    }
}
