// Every native signature in FuseGen is blittable; turning marshalling off makes that a compile-time guarantee
// and keeps NativeAOT from generating marshalling stubs.
[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]

// Locals and stackalloc buffers are always written before they are read (native structs are cleared explicitly),
// so the prolog's zeroing is pure cost; it mattered most for the per-entry name buffer of DirectoryFiller.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
