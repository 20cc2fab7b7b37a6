// Every native signature in FuseGen is blittable; turning marshalling off makes that a compile-time guarantee
// and keeps NativeAOT from generating marshalling stubs.
[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]
