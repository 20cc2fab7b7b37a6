using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace FuseGen.Tests;

/// <summary>Every documented row of <see cref="ErrnoMapper.FromException"/>.</summary>
public sealed class ErrnoMapperTests
{
    private static readonly Dictionary<string, (Func<Exception> Create, Errno Expected)> Table = new()
    {
        ["FuseException"] = (() => new FuseException(Errno.EROFS), Errno.EROFS),
        ["FuseException ENOTSUP"] = (() => new FuseException(Errno.ENOTSUP, "no"), Errno.EOPNOTSUPP),
        ["FileNotFoundException"] = (() => new FileNotFoundException("gone"), Errno.ENOENT),
        ["DirectoryNotFoundException"] = (() => new DirectoryNotFoundException("gone"), Errno.ENOENT),
        ["UnauthorizedAccessException wrapping IOException(1)"] = (() => new UnauthorizedAccessException("no", new IOException("EPERM", 1)), Errno.EPERM),
        ["UnauthorizedAccessException wrapping IOException(9)"] = (() => new UnauthorizedAccessException("no", new IOException("EBADF", 9)), Errno.EBADF),
        ["UnauthorizedAccessException wrapping a non-errno IOException"] = (() => new UnauthorizedAccessException("no", new IOException("plain")), Errno.EACCES),
        ["UnauthorizedAccessException"] = (() => new UnauthorizedAccessException(), Errno.EACCES),
        ["PathTooLongException"] = (() => new PathTooLongException(), Errno.ENAMETOOLONG),
        ["IOException(28)"] = (() => new IOException("full", 28), Errno.ENOSPC),
        ["IOException(4095)"] = (() => new IOException("odd", 4095), (Errno)4095),
        ["IOException(4096)"] = (() => new IOException("not an errno", 4096), Errno.EIO),
        ["IOException without errno"] = (() => new IOException("plain"), Errno.EIO),
        ["EndOfStreamException"] = (() => new EndOfStreamException(), Errno.EIO),
        ["Win32Exception(13)"] = (() => new Win32Exception(13), Errno.EACCES),
        ["Win32Exception(0)"] = (() => new Win32Exception(0), Errno.EIO),
        ["NotImplementedException"] = (() => new NotImplementedException(), Errno.ENOSYS),
        ["NotSupportedException"] = (() => new NotSupportedException(), Errno.ENOTSUP),
        ["PlatformNotSupportedException"] = (() => new PlatformNotSupportedException(), Errno.ENOTSUP),
        ["ArgumentException"] = (() => new ArgumentException("bad"), Errno.EINVAL),
        ["ArgumentNullException"] = (() => new ArgumentNullException("x"), Errno.EINVAL),
        ["ArgumentOutOfRangeException"] = (() => new ArgumentOutOfRangeException("x"), Errno.EINVAL),
        ["OutOfMemoryException"] = (() => new OutOfMemoryException(), Errno.ENOMEM),
        ["InsufficientExecutionStackException"] = (() => new InsufficientExecutionStackException(), Errno.ENOMEM),
        ["OperationCanceledException"] = (() => new OperationCanceledException(), Errno.EINTR),
        ["TaskCanceledException"] = (() => new TaskCanceledException(), Errno.EINTR),
        ["TimeoutException"] = (() => new TimeoutException(), Errno.ETIMEDOUT),
        ["AggregateException of one"] = (() => new AggregateException(new FileNotFoundException()), Errno.ENOENT),
        ["AggregateException nested"] = (() => new AggregateException(new AggregateException(new IOException("full", 28))), Errno.ENOSPC),
        ["AggregateException of two"] = (() => new AggregateException(new FileNotFoundException(), new TimeoutException()), Errno.EIO),
        ["AggregateException of none"] = (() => new AggregateException(), Errno.EIO),
        ["InvalidOperationException"] = (() => new InvalidOperationException(), Errno.EIO),
        ["NullReferenceException"] = (() => new NullReferenceException(), Errno.EIO),
        ["Exception"] = (() => new Exception("anything"), Errno.EIO),
    };

    public static TheoryData<string> Rows => new(Table.Keys);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Maps_the_exception_to_its_errno(string row)
    {
        var (create, expected) = Table[row];

        Assert.Equal(expected, ErrnoMapper.FromException(create()));
    }

    [Fact]
    public void A_real_missing_file_is_ENOENT()
    {
        var missing = Path.Combine(Path.GetTempPath(), "fusegen-missing-" + Guid.NewGuid().ToString("N"));

        var exception = Record.Exception(() => File.OpenRead(missing).Dispose());

        Assert.IsType<FileNotFoundException>(exception);
        Assert.Equal(Errno.ENOENT, ErrnoMapper.FromException(exception));
    }

    [Fact]
    public void A_real_IOException_carries_the_errno()
    {
        var directory = Directory.CreateTempSubdirectory("fusegen-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "file"), "x");

            var exception = Record.Exception(() => Directory.Delete(directory.FullName, recursive: false));

            Assert.IsType<IOException>(exception);
            Assert.Equal(Errno.ENOTEMPTY, ErrnoMapper.FromException(exception));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_real_path_below_a_regular_file_is_ENOENT()
    {
        var file = Path.GetTempFileName();
        try
        {
            var exception = Record.Exception(() => File.OpenRead(Path.Combine(file, "below")).Dispose());

            // .NET reports ENOTDIR as DirectoryNotFoundException without the errno, so ENOENT is the best answer.
            Assert.IsType<DirectoryNotFoundException>(exception);
            Assert.Equal(Errno.ENOENT, ErrnoMapper.FromException(exception));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
