using System;
using System.Runtime.InteropServices;
using FuseGen.Marshalling;
using FuseGen.Testing;
using Xunit;

namespace FuseGen.Tests;

/// <summary>
/// The trampolines' strlen (<see cref="NativeText.AsSpan"/>) reads whole aligned words: it must find the first NUL at
/// every alignment and length, whatever surrounds the string, and never touch the page after one that ends in it.
/// </summary>
public sealed unsafe class NativeTextTests
{
    [Fact]
    public void Every_length_at_every_alignment_ends_at_the_first_nul()
    {
        // NULs before the string (they share its first word and must not end it), non-zero bytes after it.
        var buffer = (byte*)NativeMemory.AlignedAlloc(256, 64);
        try
        {
            for (var start = 0; start < 16; start++)
            {
                for (var length = 0; length <= 100; length++)
                {
                    new Span<byte>(buffer, 256).Fill(0x80);
                    new Span<byte>(buffer, start).Clear();
                    for (var i = 0; i < length; i++)
                    {
                        buffer[start + i] = (byte)(1 + ((i * 37) % 255));
                    }

                    buffer[start + length] = 0;
                    buffer[start + length + 1] = 0;
                    var span = NativeText.AsSpan(buffer + start);
                    Assert.Equal(length, span.Length);
                    Assert.True(span == new ReadOnlySpan<byte>(buffer + start, length), $"start {start}, length {length}");
                }
            }
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    [Fact]
    public void Bytes_0x80_and_0xff_are_not_taken_for_the_end()
    {
        // The bytes a zero-byte test can misread: those with the high bit set, and 0x01 (what a zero byte below it borrows from).
        byte[] text = [0xFF, 0x80, 0x01, 0x81, 0x7F, 0xFE, 0x01, 0x80, 0xFF, 0x01, 0];
        fixed (byte* pointer = text)
        {
            Assert.Equal(10, NativeText.AsSpan(pointer).Length);
        }
    }

    [Fact]
    public void A_string_that_ends_a_page_is_read_without_touching_the_next_one()
    {
        var page = Environment.SystemPageSize;
        var pages = (byte*)LibC.mmap(null, (nuint)(2 * page), LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        Assert.True(pages != (byte*)-1, "mmap failed");
        try
        {
            Assert.Equal(0, LibC.mprotect(pages + page, (nuint)page, LibC.PROT_NONE));
            for (var length = 0; length < 24; length++)
            {
                var start = pages + page - 1 - length;
                new Span<byte>(start, length).Fill((byte)'a');
                start[length] = 0;
                Assert.Equal(length, NativeText.AsSpan(start).Length);
            }
        }
        finally
        {
            _ = LibC.munmap(pages, (nuint)(2 * page));
        }
    }

    [Fact]
    public void Null_is_empty() => Assert.True(NativeText.AsSpan(null).IsEmpty);
}
