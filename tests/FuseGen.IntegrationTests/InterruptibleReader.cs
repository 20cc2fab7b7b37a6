namespace FuseGen.IntegrationTests;

/// <summary>
/// A reader whose read(2) returns EINTR on SIGINT: Python with a SIGINT handler that raises, so the interrupted
/// read is not retried. Run as <c>python3 -c Script FILE</c>; it prints <c>errno 4</c> when interrupted.
/// </summary>
internal static class InterruptibleReader
{
    public const string Script = "import errno, os, signal, sys\n"
        + "def stop(signum, frame): raise InterruptedError(errno.EINTR, 'interrupted')\n"
        + "signal.signal(signal.SIGINT, stop)\n"
        + "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
        + "try:\n    os.read(fd, 4096); print('read returned', flush=True)\n"
        + "except InterruptedError as e: print('errno', e.errno, flush=True)\n";
}
