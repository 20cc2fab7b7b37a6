using System;
using System.Collections.Generic;
using System.Threading;

namespace FuseGen.PosixTests.Targets;

/// <summary>
/// The targets of one test run, started on first use and shared by every test; disposed (unmounted and verified)
/// when the run ends. A target that failed to start fails each test that asks for it, with the same message.
/// </summary>
public sealed class TargetPool : IDisposable
{
    private readonly Dictionary<string, Lazy<PosixTarget>> targets = new();

    public PosixTarget Get(string name)
    {
        Lazy<PosixTarget> target;
        lock (targets)
        {
            if (!targets.TryGetValue(name, out target!))
            {
                target = new Lazy<PosixTarget>(() => StartTarget(name), LazyThreadSafetyMode.ExecutionAndPublication);
                targets.Add(name, target);
            }
        }

        return target.Value;
    }

    public void Dispose()
    {
        var failures = new List<Exception>();
        lock (targets)
        {
            foreach (var target in targets.Values)
            {
                if (target.IsValueCreated)
                {
                    try
                    {
                        target.Value.Dispose();
                    }
                    catch (Exception e)
                    {
                        failures.Add(e);
                    }
                }
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("targets did not shut down cleanly", failures);
        }
    }

    private static PosixTarget StartTarget(string name)
    {
        var target = TargetCatalog.Create(name);
        try
        {
            target.Start();
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }
}
