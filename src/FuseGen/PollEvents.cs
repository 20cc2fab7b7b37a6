using System;

namespace FuseGen;

/// <summary>poll() event bits.</summary>
[Flags]
public enum PollEvents : uint
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary><c>POLLIN</c>: data to read.</summary>
    In = 0x001,

    /// <summary><c>POLLPRI</c>: urgent data.</summary>
    Priority = 0x002,

    /// <summary><c>POLLOUT</c>: writing will not block.</summary>
    Out = 0x004,

    /// <summary><c>POLLERR</c>: error.</summary>
    Error = 0x008,

    /// <summary><c>POLLHUP</c>: hang up.</summary>
    HangUp = 0x010,

    /// <summary><c>POLLNVAL</c>: invalid request.</summary>
    Invalid = 0x020,

    /// <summary><c>POLLRDNORM</c>.</summary>
    ReadNormal = 0x040,

    /// <summary><c>POLLWRNORM</c>.</summary>
    WriteNormal = 0x100,
}
