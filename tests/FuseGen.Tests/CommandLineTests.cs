using System.Linq;
using System;
using FuseGen.Runtime;
using Xunit;

namespace FuseGen.Tests;

/// <summary>The FUSE command line: <c>MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]</c>.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Parses_the_usual_command_line()
    {
        var line = CommandLine.Parse(["/mnt/x", "-f", "-d", "-s", "-o", "ro,allow_other", "-ofsname=x"]);

        Assert.Equal("/mnt/x", line.MountPoint);
        Assert.True(line.Options.Debug);
        Assert.True(line.Options.SingleThreaded);
        Assert.Equal(["ro", "allow_other"], line.Options.Options);
        Assert.Equal("x", line.Options.FileSystemName);
        Assert.False(line.ShowHelp);
        Assert.False(line.ShowVersion);
    }

    [Fact]
    public void Options_may_come_before_the_mount_point()
    {
        var line = CommandLine.Parse(["-o", "ro", "--foreground", "--debug", "/mnt/x"]);

        Assert.Equal("/mnt/x", line.MountPoint);
        Assert.True(line.Options.Debug);
        Assert.False(line.Options.SingleThreaded);
        Assert.Equal(["ro"], line.Options.Options);
    }

    [Fact]
    public void Without_arguments_there_is_no_mount_point()
    {
        var line = CommandLine.Parse([]);

        Assert.Null(line.MountPoint);
        Assert.False(line.Options.Debug);
        Assert.Empty(line.Options.Options);
    }

    [Fact]
    public void Loop_options_are_taken_out_of_the_libfuse_options()
    {
        var line = CommandLine.Parse(["/m", "-o", "max_idle_threads=5", "-o", "max_threads=20,clone_fd,debug,kernel_cache"]);

        Assert.Equal(5, line.Options.MaxIdleThreads);
        Assert.Equal(20, line.Options.MaxThreads);
        Assert.True(line.Options.CloneFd);
        Assert.True(line.Options.Debug);
        Assert.Equal(["kernel_cache"], line.Options.Options);
    }

    [Fact]
    public void Connection_options_are_taken_out_of_the_libfuse_options()
    {
        var line = CommandLine.Parse(["/m", "-o", "writeback_cache,max_write=131072,max_read=65536"]);

        Assert.True(line.Options.WritebackCache);
        Assert.Equal(131072, line.Options.MaxWrite);
        Assert.Equal(["max_read=65536"], line.Options.Options);
    }

    [Fact]
    public void Writeback_cache_is_off_unless_asked_and_the_last_word_wins()
    {
        Assert.False(CommandLine.Parse(["/m"]).Options.WritebackCache);
        Assert.Null(CommandLine.Parse(["/m"]).Options.MaxWrite);
        Assert.False(CommandLine.Parse(["/m", "-o", "writeback_cache,no_writeback_cache"]).Options.WritebackCache);
        Assert.True(CommandLine.Parse(["/m", "-o", "writeback_cache"], new MountOptions()).Options.WritebackCache);
    }

    [Theory]
    [InlineData("max_write=0")]
    [InlineData("max_write=big")]
    [InlineData("max_write")]
    public void Max_write_needs_a_positive_number(string option) =>
        Assert.Throws<FormatException>(() => CommandLine.Parse(["/m", "-o", option]));

    [Fact]
    public void Loop_options_keep_their_defaults_when_not_given()
    {
        var line = CommandLine.Parse(["/m"]);

        Assert.Equal(10, line.Options.MaxIdleThreads);
        Assert.Equal(10, line.Options.MaxThreads);
        Assert.False(line.Options.CloneFd);
    }

    [Theory]
    [InlineData("max_idle_threads=0")]
    [InlineData("max_idle_threads=-1")]
    [InlineData("max_idle_threads=abc")]
    [InlineData("max_idle_threads=")]
    [InlineData("max_idle_threads= 5")]
    [InlineData("max_idle_threads=99999999999")]
    [InlineData("max_threads")]
    [InlineData("max_threads=1.5")]
    public void Bad_numbers_are_rejected(string option)
    {
        var error = Assert.Throws<FormatException>(() => CommandLine.Parse(["/m", "-o", option]));

        Assert.Contains(option.Split('=')[0], error.Message, StringComparison.Ordinal);
        Assert.Contains("positive number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("--bogus")]
    [InlineData("-fd")]
    public void Unknown_flags_are_rejected(string flag)
    {
        var error = Assert.Throws<FormatException>(() => CommandLine.Parse(["/m", flag]));

        Assert.Equal($"unknown option '{flag}'", error.Message);
    }

    [Fact]
    public void Unknown_o_options_go_to_libfuse_unchanged()
    {
        var line = CommandLine.Parse(["/m", "-o", "no_such_option,max_read=131072"]);

        Assert.Equal(["no_such_option", "max_read=131072"], line.Options.Options);
    }

    [Fact]
    public void A_second_mount_point_is_rejected()
    {
        var error = Assert.Throws<FormatException>(() => CommandLine.Parse(["/a", "/b"]));

        Assert.Contains("'/b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'/a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_o_value_is_rejected()
    {
        var error = Assert.Throws<FormatException>(() => CommandLine.Parse(["/m", "-o"]));

        Assert.Equal("option '-o' needs a value", error.Message);
    }

    [Fact]
    public void Escaped_commas_stay_in_one_option_and_names_round_trip_to_libfuse()
    {
        var line = CommandLine.Parse(["/m", "-o", @"fsname=a\,b,ro,max_read=4\,2", @"-osubtype=c\\,d"]);

        // Options FuseGen does not interpret pass through with their escapes; libfuse removes them.
        Assert.Equal(["ro", @"max_read=4\,2", "d"], line.Options.Options);
        Assert.Equal("a,b", line.Options.FileSystemName);
        Assert.Equal(@"c\", line.Options.Subtype);
        Assert.Equal([@"fsname=a\,b", @"subtype=c\\"], line.Options.LibfuseOptions("Fs").Take(2));
    }

    [Fact]
    public void Empty_options_are_ignored()
    {
        var line = CommandLine.Parse(["/m", "-o", ",ro,,allow_other,", "-o"  , ""]);

        Assert.Equal(["ro", "allow_other"], line.Options.Options);
    }

    [Theory]
    [InlineData("-h", true, false)]
    [InlineData("--help", true, false)]
    [InlineData("-V", false, true)]
    [InlineData("--version", false, true)]
    public void Help_and_version(string flag, bool help, bool version)
    {
        var line = CommandLine.Parse([flag]);

        Assert.Equal(help, line.ShowHelp);
        Assert.Equal(version, line.ShowVersion);
    }

    [Fact]
    public void Defaults_are_copied_not_shared()
    {
        Action<FuseFault> handler = _ => { };
        var defaults = new MountOptions
        {
            ReadOnly = true,
            AllowOther = true,
            FileSystemName = "fs",
            Subtype = "sub",
            MaxThreads = 3,
            EntryTimeout = 2.5,
            UnmountTimeout = TimeSpan.FromSeconds(1),
            FaultHandler = handler,
        };
        defaults.Options.Add("max_read=4096");

        var line = CommandLine.Parse(["/m", "-o", "kernel_cache", "-o", "max_threads=7"], defaults);

        Assert.True(line.Options.ReadOnly);
        Assert.True(line.Options.AllowOther);
        Assert.Equal("fs", line.Options.FileSystemName);
        Assert.Equal("sub", line.Options.Subtype);
        Assert.Equal(7, line.Options.MaxThreads);
        Assert.Equal(2.5, line.Options.EntryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), line.Options.UnmountTimeout);
        Assert.Same(handler, line.Options.FaultHandler);
        Assert.Equal(["max_read=4096", "kernel_cache"], line.Options.Options);

        Assert.Equal(3, defaults.MaxThreads);
        Assert.Equal(["max_read=4096"], defaults.Options);
    }
}
