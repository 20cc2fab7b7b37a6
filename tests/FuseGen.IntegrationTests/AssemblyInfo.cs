using System.Runtime.Versioning;

// FUSE mounts exist only on Linux.
[assembly: SupportedOSPlatform("linux")]
