using System.Collections.Generic;
using FuseGen.Runtime;
using FuseGen.Testing;
using FuseGen.Testing.InodeApi;
using Xunit;

namespace FuseGen.Tests.InodeApi;

/// <summary>
/// The high-level cache options on the inode API: fuse_session_new rejects them, so they never reach it, and the
/// replies apply them instead.
/// </summary>
[Collection(InodeStateCollection.Name)]
public sealed unsafe class InodeOptionsTests
{
    [Fact]
    public void Cache_options_stay_out_of_the_low_level_option_list()
    {
        var options = new MountOptions { EntryTimeout = 2, AttrTimeout = 3, NegativeTimeout = 4, KernelCache = true, AllowOther = true };
        foreach (var raw in new[] { "kernel_cache", "entry_timeout=5", "attr_timeout=6", "negative_timeout=7", "max_read=4096" })
        {
            options.Options.Add(raw);
        }

        var lowLevel = options.LibfuseOptions("T", lowLevel: true);
        var highLevel = options.LibfuseOptions("T");

        Assert.Equal(new List<string> { "fsname=T", "subtype=t", "allow_other", "max_read=4096" }, lowLevel);
        Assert.Contains("entry_timeout=2", highLevel);
        Assert.Contains("negative_timeout=7", highLevel);
    }

    [Fact]
    public void Raw_cache_options_win_over_properties_as_the_last_one_given()
    {
        var options = new MountOptions { EntryTimeout = 2 };
        options.Options.Add("entry_timeout=5");
        options.Options.Add("kernel_cache");

        var api = (InodeSessionApi)SessionApi.For(new TreeInodeFs(), options);

        Assert.Equal(5, api.EntryTimeout);
        Assert.Equal(1, api.AttributeTimeout);
        Assert.Equal(0, api.NegativeTimeout);
        Assert.True(api.KeepCache);
    }

    [Fact]
    public void A_missing_name_is_a_negative_entry_when_negative_timeout_is_set()
    {
        var options = new MountOptions();
        options.Options.Add("negative_timeout=5");
        using var session = new KernelFreeInodeSession(new TreeInodeFs(), options);

        var request = session.NewRequest();
        using var name = NativeBlock.CString("nothing");
        session.Operations->lookup(request, 1, name.Pointer);

        var reply = session.SingleReply(request);
        Assert.Equal(("entry", 0ul), (reply.Kind, reply.Inode));
    }

    [Fact]
    public void Timeouts_and_open_flags_default_to_the_path_apis()
    {
        var api = (InodeSessionApi)SessionApi.For(new TreeInodeFs(), new MountOptions());

        Assert.Equal((1.0, 1.0, 0.0, false, false), (api.EntryTimeout, api.AttributeTimeout, api.NegativeTimeout, api.KeepCache, api.DirectIo));
    }
}
