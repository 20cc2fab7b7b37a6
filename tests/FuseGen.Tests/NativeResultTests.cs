using FuseGen.Interop;
using FuseGen.Marshalling;
using Xunit;

namespace FuseGen.Tests;

/// <summary>The kernel rejects an error reply outside -511..-1 and the caller then waits forever: such results become EIO.</summary>
public sealed class NativeResultTests
{
    [Theory]
    [InlineData(Errno.None, 0)]
    [InlineData(Errno.ENOENT, -2)]
    [InlineData(Errno.EHWPOISON, -133)]
    [InlineData((Errno)511, -511)]
    [InlineData((Errno)512, -5)]
    [InlineData((Errno)100_000, -5)]
    [InlineData((Errno)(-2), -5)]
    public void An_errno_outside_the_kernels_range_becomes_EIO(Errno errno, int expected)
    {
        Assert.Equal(expected, NativeResult.FromErrno(errno));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(131072, 131072)]
    [InlineData(-2, -2)]
    [InlineData(-511, -511)]
    [InlineData(-512, -5)]
    [InlineData(int.MinValue, -5)]
    public void An_int_result_passes_unless_it_is_an_invalid_negative_errno(int result, int expected)
    {
        Assert.Equal(expected, NativeResult.Check(result));
        Assert.Equal(expected, NativeResult.Check((long)result));
    }

    [Fact]
    public void A_long_result_beyond_int_passes()
    {
        Assert.Equal(6L << 30, NativeResult.Check(6L << 30));
        Assert.Equal(-5L, NativeResult.Check(long.MinValue));
    }
}
