using System;
using System.Collections.Generic;
using System.Linq;
using FuseGen.Diagnostics;
using FuseGen.Extensions.Logging;
using FuseGen.Marshalling;
using FuseGen.Testing;
using FuseGen.Tests.Trampolines;
using Microsoft.Extensions.Logging;
using Xunit;

namespace FuseGen.Tests.Diagnostics;

/// <summary>FuseGen.Extensions.Logging: fault reports and libfuse's log as ILogger entries.</summary>
[Collection(GlobalStateCollection.Name)]
public sealed unsafe class LoggingTests : IDisposable
{
    private readonly KernelFreeSession fuse;
    private readonly ListLogger logger = new();

    public LoggingTests(KernelFreeSession fuse) => this.fuse = fuse;

    public void Dispose()
    {
        fuse.Leave();
        FuseLibraryLog.Handler = null;
    }

    [Fact]
    public void A_fault_is_an_error_entry_with_the_exception_and_the_request_as_properties()
    {
        var ops = fuse.Serve(new RecordingFs(), new MountOptions().UseLogger(logger));
        using var path = NativeBlock.CString("/throw");
        using var stat = new NativeBlock(256);

        Assert.Equal(-(int)Errno.EIO, ops->getattr(path.Pointer, stat.Pointer, null));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(new EventId(FuseLogEvents.Fault, "Fault"), entry.EventId);
        Assert.Equal("getattr exploded", entry.Exception?.Message);
        Assert.Equal("getattr", entry.Property("Operation"));
        Assert.Equal(Errno.EIO, entry.Property("Errno"));
        Assert.Equal(KernelFreeSession.DefaultCaller.Pid, entry.Property("ProcessId"));
        Assert.Equal(KernelFreeSession.DefaultCaller.Uid, entry.Property("UserId"));
        Assert.StartsWith("getattr ", entry.Message);
        Assert.Contains("failed with InvalidOperationException, answered EIO (pid 8910, uid 1234, gid 567)", entry.Message);
    }

    [Fact]
    public void A_fault_naming_a_path_logs_it()
    {
        fuse.Serve(new RecordingFs(), new MountOptions().UseLogger(logger));
        using var path = NativeBlock.CString("/a/b");

        FuseRequest.Current.Fail(new InvalidOperationException("boom"), "rmdir", path.Pointer);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal("/a/b", entry.Property("Path"));
        Assert.Equal("rmdir /a/b failed with InvalidOperationException, answered EIO (pid 8910, uid 1234, gid 567)", entry.Message);
    }

    [Theory]
    [InlineData(FuseLogLevel.Emergency, LogLevel.Critical)]
    [InlineData(FuseLogLevel.Critical, LogLevel.Critical)]
    [InlineData(FuseLogLevel.Error, LogLevel.Error)]
    [InlineData(FuseLogLevel.Warning, LogLevel.Warning)]
    [InlineData(FuseLogLevel.Notice, LogLevel.Information)]
    [InlineData(FuseLogLevel.Info, LogLevel.Information)]
    [InlineData(FuseLogLevel.Debug, LogLevel.Debug)]
    public void A_libfuse_message_is_logged_at_its_level(FuseLogLevel level, LogLevel expected)
    {
        FuseLoggingExtensions.LogLibfuseTo(logger);

        FuseLibraryLog.Handler!(level, "fuse: reading device: No such device");

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(expected, entry.Level);
        Assert.Equal(FuseLogEvents.Libfuse, entry.EventId.Id);
        Assert.Equal("fuse: reading device: No such device", entry.Message);
    }

    [Fact]
    public void UseLogging_takes_a_FuseGen_logger_for_both()
    {
        var factory = new ListLoggerFactory(logger);

        var options = new MountOptions().UseLogging(factory);
        options.FaultHandler!(new FuseFault("read", new InvalidOperationException("x"), Errno.EIO));
        FuseLibraryLog.Handler!(FuseLogLevel.Error, "fuse: bad");

        Assert.Equal(new[] { FuseLoggingExtensions.Category }, factory.Categories);
        Assert.Equal(new[] { FuseLogEvents.Fault, FuseLogEvents.Libfuse }, logger.Entries.Select(e => e.EventId.Id));
    }

    private sealed record Entry(LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> State)
    {
        public object? Property(string name) => State.Single(p => p.Key == name).Value;
    }

    private sealed class ListLogger : ILogger
    {
        public List<Entry> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? Array.Empty<KeyValuePair<string, object?>>();
            Entries.Add(new Entry(logLevel, eventId, formatter(state, exception), exception, properties.ToArray()));
        }
    }

    private sealed class ListLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public List<string> Categories { get; } = new();

        public ILogger CreateLogger(string categoryName)
        {
            Categories.Add(categoryName);
            return logger;
        }

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
