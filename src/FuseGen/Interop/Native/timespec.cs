namespace FuseGen.Interop.Native;

/// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
internal struct timespec
{
    public long tv_sec;
    public long tv_nsec;
}
