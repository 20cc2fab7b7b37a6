// The libc declarations every test project shares.
global using LibC = FuseGen.Testing.LibC;
