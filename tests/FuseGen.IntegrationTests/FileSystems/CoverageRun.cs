using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using FuseGen.Testing;
using Xunit;
using Xunit.Sdk;

namespace FuseGen.IntegrationTests.FileSystems;

/// <summary>
/// What both coverage test classes (<see cref="OperationCoverageTests"/> for the path API,
/// <see cref="InodeOperationCoverageTests"/> for the inode API) share: running their named tests while the
/// <see cref="CoverageLedger"/> collects, and the small file and wait helpers of their tests.
/// </summary>
internal static class CoverageRun
{
    /// <summary>
    /// Runs every <c>[MountFact]</c> test of <paramref name="tests"/> but <paramref name="runner"/> (the test calling
    /// this), in declaration order, and returns for each of <paramref name="operations"/> which tests reached it and how.
    /// </summary>
    public static async Task<Dictionary<string, List<(string Test, OperationRoute Route)>>> ReachAsync(object tests, string runner, IReadOnlyList<string> operations, int minimumTests)
    {
        var reached = operations.ToDictionary(name => name, _ => new List<(string Test, OperationRoute Route)>());
        var methods = tests.GetType().GetMethods()
            .Where(m => m.GetCustomAttribute<MountFactAttribute>() is not null && m.Name != runner)
            .OrderBy(m => m.MetadataToken)
            .ToList();
        Assert.True(methods.Count >= minimumTests, $"only {methods.Count} tests found");
        foreach (var test in methods)
        {
            var seen = CoverageLedger.Start();
            try
            {
                if (test.Invoke(tests, null) is Task running)
                {
                    await running;
                }
            }
            catch (TargetInvocationException e)
            {
                throw new XunitException($"{test.Name} failed: {e.InnerException}");
            }
            finally
            {
                CoverageLedger.Stop();
            }

            foreach (var (operation, route) in seen.Keys)
            {
                Assert.True(reached.ContainsKey(operation), $"{test.Name} recorded '{operation}', which is not an operation of the table");
                reached[operation].Add((test.Name, route));
            }
        }

        return reached;
    }

    public static void AssertCalled(OperationLog calls, params string[] operations)
    {
        var missing = operations.Where(operation => calls[operation] == 0).ToList();
        Assert.True(missing.Count == 0, $"not reached: {string.Join(", ", missing)}");
    }

    public static void AssertEventually(Func<bool> condition, string what)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            Thread.Sleep(20);
        }

        Assert.True(condition(), what);
    }

    public static void CreateFile(string path, ReadOnlySpan<byte> data)
    {
        var (fd, errno) = LibC.Open(path, LibC.O_WRONLY | LibC.O_CREAT);
        Assert.True(errno == 0, $"open {path}: errno {errno}");
        try
        {
            if (!data.IsEmpty)
            {
                Assert.Equal(((long)data.Length, 0), LibC.PWrite(fd, data, 0));
            }
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    public static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)((i * 7) + 3)).ToArray();
}
