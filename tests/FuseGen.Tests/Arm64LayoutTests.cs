using System.Runtime.InteropServices;
using FuseGen.Tests.Native;
using Xunit;

namespace FuseGen.Tests;

/// <summary>
/// The managed mirrors against the arm64 headers: Native/layout.c compiled with aarch64-linux-gnu-gcc against
/// libfuse3-dev:arm64 and run under qemu-user. Skipped where that toolchain is missing (scripts/arm64.sh installs it
/// and sets <c>FUSEGEN_REQUIRE_ARM64=1</c>).
/// </summary>
[Collection(GlobalStateCollection.Name)]
public sealed class Arm64LayoutTests
{
    private const NativeNeeds Arm64Compiler = NativeNeeds.Gcc | NativeNeeds.FuseHeaders | NativeNeeds.Arm64;

    [NativeTheory(Arm64Compiler)]
    [MemberData(nameof(LayoutTests.MirroredStructs), MemberType = typeof(LayoutTests))]
    public void Mirror_matches_the_arm64_headers(string cName) =>
        LayoutTests.AssertMirrorMatches(CLayout.FromArm64Headers(), cName, Architecture.Arm64);

    [NativeFact(Arm64Compiler)]
    public void File_info_bits_match_the_arm64_headers() => LayoutTests.AssertFileInfoBitsMatch(CLayout.FromArm64Headers());
}
