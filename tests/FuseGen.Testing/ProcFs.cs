using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace FuseGen.Testing;

/// <summary>
/// A process as the kernel sees it in /proc/PID. Used to time exits exactly: a child is a zombie the moment it has
/// exited, while .NET notices (reaps it, closes its pipes) later, by how much depends on the test host's load.
/// </summary>
public static class ProcFs
{
    /// <summary>True once <paramref name="pid"/> has exited: a zombie, dead, or already reaped.</summary>
    public static bool HasTerminated(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return true;
        }

        // pid (comm) state ...: comm may contain spaces and parentheses, so the state follows the last ')'.
        var state = stat[stat.LastIndexOf(')') + 2];
        return state is 'Z' or 'X' or 'x';
    }

    /// <summary>True when <paramref name="pid"/> ignores <paramref name="signal"/> (SigIgn in /proc/PID/status).</summary>
    public static bool Ignores(int pid, int signal) => SignalMask(pid, "SigIgn:", signal);

    /// <summary>True when <paramref name="pid"/> has a handler for <paramref name="signal"/> (SigCgt).</summary>
    public static bool Catches(int pid, int signal) => SignalMask(pid, "SigCgt:", signal);

    private static bool SignalMask(int pid, string field, int signal)
    {
        var line = File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith(field, StringComparison.Ordinal));
        var mask = ulong.Parse(line.AsSpan(field.Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1ul << (signal - 1))) != 0;
    }
}
