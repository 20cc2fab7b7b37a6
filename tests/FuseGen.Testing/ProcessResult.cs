namespace FuseGen.Testing;

/// <summary>How a finished process ended.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public override string ToString() => $"exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
