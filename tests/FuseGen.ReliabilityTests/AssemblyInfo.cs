// FUSE mounts exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
