// FUSE mounts exist on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
