using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace FuseGen.Testing;

/// <summary>
/// The usual checks of a filesystem test, independent of any test framework: they throw
/// <see cref="FileSystemAssertException"/> with what was expected and what was found.
/// </summary>
/// <example>
/// <code>
/// FileSystemAssert.Listing(mount.Path, "a.txt", "dir");
/// FileSystemAssert.FileText(mount["a.txt"], "hello\n");
/// FileSystemAssert.Fails(Errno.ENOTEMPTY, Syscall.Rmdir(mount["dir"]));
/// </code>
/// </example>
public static class FileSystemAssert
{
    /// <summary>Checks that a call failed with <paramref name="expected"/>.</summary>
    /// <param name="expected">The errno the call must fail with.</param>
    /// <param name="actual">What the call returned, e.g. from <see cref="Syscall"/>.</param>
    /// <exception cref="FileSystemAssertException">It succeeded or failed with another errno.</exception>
    public static void Fails(Errno expected, Errno actual)
    {
        if (actual != expected)
        {
            throw new FileSystemAssertException($"expected the call to fail with {expected} ({(int)expected}), but it {Describe(actual)}");
        }
    }

    /// <summary>Checks that a call succeeded.</summary>
    /// <param name="actual">What the call returned, e.g. from <see cref="Syscall"/>.</param>
    /// <exception cref="FileSystemAssertException">It failed.</exception>
    public static void Succeeds(Errno actual)
    {
        if (actual != Errno.None)
        {
            throw new FileSystemAssertException($"expected the call to succeed, but it {Describe(actual)}");
        }
    }

    /// <summary>Checks a file's whole content, byte for byte.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">The bytes it must hold.</param>
    /// <exception cref="FileSystemAssertException">It cannot be read or holds other bytes (the first difference is named).</exception>
    public static void FileBytes(string path, ReadOnlySpan<byte> expected)
    {
        var actual = ReadAll(path);
        var common = Math.Min(actual.Length, expected.Length);
        var first = expected[..common].CommonPrefixLength(actual.AsSpan(0, common));
        if (first == common && actual.Length == expected.Length)
        {
            return;
        }

        throw new FileSystemAssertException(first < common
            ? $"{path}: byte {first} is 0x{actual[first]:x2}, expected 0x{expected[first]:x2} ({actual.Length} bytes read, {expected.Length} expected)"
            : $"{path}: {actual.Length} bytes read, {expected.Length} expected (the first {common} agree)");
    }

    /// <summary>Checks a file's whole content as UTF-8 text.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">The text it must hold.</param>
    /// <exception cref="FileSystemAssertException">It cannot be read or holds other text.</exception>
    public static void FileText(string path, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var actual = Encoding.UTF8.GetString(ReadAll(path));
        if (actual != expected)
        {
            throw new FileSystemAssertException($"{path}: expected \"{Escape(expected)}\", read \"{Escape(actual)}\"");
        }
    }

    /// <summary>Checks the names in a directory, in any order, without <c>.</c> and <c>..</c>.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="expected">Every name it must list, and no other.</param>
    /// <exception cref="FileSystemAssertException">It cannot be listed, or lists other names (missing and extra ones are named).</exception>
    public static void Listing(string directory, params string[] expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        string[] actual;
        try
        {
            actual = Directory.GetFileSystemEntries(directory).Select(entry => System.IO.Path.GetFileName(entry)).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileSystemAssertException($"{directory} cannot be listed: {e.Message}", e);
        }

        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0 || actual.Length != expected.Length)
        {
            throw new FileSystemAssertException(
                $"{directory} lists [{Join(actual)}], expected [{Join(expected)}]" +
                (missing.Count > 0 ? $"; missing: {Join(missing)}" : "") +
                (extra.Count > 0 ? $"; extra: {Join(extra)}" : ""));
        }
    }

    private static byte[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileSystemAssertException($"{path} cannot be read: {e.Message}", e);
        }
    }

    private static string Describe(Errno actual) => actual == Errno.None ? "succeeded" : $"failed with {actual} ({(int)actual})";

    private static string Join(IEnumerable<string> names) => string.Join(", ", names.OrderBy(name => name, StringComparer.Ordinal));

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);
}
