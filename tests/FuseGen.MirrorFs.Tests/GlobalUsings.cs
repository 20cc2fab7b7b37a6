// Every test file works with xunit, the shared test support and this project's mount and libc helpers.
global using FuseGen.MirrorFs.Tests.Infrastructure;
global using FuseGen.Testing;
global using Xunit;
