using System;
using System.Globalization;
using Xunit;

namespace FuseGen.Tests;

/// <summary>The <c>-o</c> options <see cref="MountOptions"/> hands to <c>fuse_new</c>.</summary>
public sealed class MountOptionsTests
{
    [Fact]
    public void Defaults_name_the_filesystem_after_its_type()
    {
        Assert.Equal(["fsname=HelloFs", "subtype=hellofs"], new MountOptions().LibfuseOptions("HelloFs"));
    }

    [Fact]
    public void Defaults_match_libfuse()
    {
        var options = new MountOptions();

        Assert.False(options.Debug);
        Assert.False(options.SingleThreaded);
        Assert.Equal(10, options.MaxIdleThreads);
        Assert.Equal(10, options.MaxThreads);
        Assert.Null(options.EntryTimeout);
        Assert.Null(options.AttrTimeout);
        Assert.Null(options.NegativeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.UnmountTimeout);
        Assert.Null(options.FaultHandler);
        Assert.Empty(options.Options);
    }

    [Fact]
    public void Names_are_escaped_for_libfuses_option_parser()
    {
        var options = new MountOptions { FileSystemName = @"a,b\c", Subtype = "x,y" };

        Assert.Equal([@"fsname=a\,b\\c", @"subtype=x\,y"], options.LibfuseOptions("Ignored"));
    }

    [Fact]
    public void The_type_name_is_escaped_too()
    {
        Assert.Equal([@"fsname=Odd\,Name", @"subtype=odd\,name"], new MountOptions().LibfuseOptions("Odd,Name"));
    }

    [Fact]
    public void Every_flag_and_timeout_becomes_an_option_and_extra_options_come_last_except_the_fuse_config_ones()
    {
        var options = new MountOptions
        {
            AllowOther = true,
            DefaultPermissions = true,
            ReadOnly = true,
            AutoUnmount = true,
            UseIno = true,
            DirectIo = true,
            KernelCache = true,
            EntryTimeout = 1.5,
            AttrTimeout = 0,
            NegativeTimeout = 0.000001,
        };
        options.Options.Add(@"max_read=131072");
        options.Options.Add(@"fsname=as\,given");

        Assert.Equal(
            [
                // libfuse 3 rejects -o use_ino and -o direct_io; FuseGen sets them in fuse_config at init instead.
                "fsname=T", "subtype=t", "allow_other", "default_permissions", "ro", "auto_unmount",
                "kernel_cache", "entry_timeout=1.5", "attr_timeout=0", "negative_timeout=1E-06", "max_read=131072",
                @"fsname=as\,given",
            ],
            options.LibfuseOptions("T"));
    }

    [Fact]
    public void Timeouts_are_formatted_independently_of_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var options = new MountOptions { AttrTimeout = 2.25 };

            Assert.Contains("attr_timeout=2.25", options.LibfuseOptions("T"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Flags_left_off_add_nothing()
    {
        var options = new MountOptions { Debug = true, SingleThreaded = true, CloneFd = true, MaxThreads = 3 };

        // Loop settings are not mount options.
        Assert.Equal(["fsname=T", "subtype=t"], options.LibfuseOptions("T"));
    }
}
