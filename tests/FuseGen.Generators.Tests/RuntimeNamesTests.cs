using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using FuseGen.Catalog;
using Xunit;

namespace FuseGen.Generators.Tests;

/// <summary>
/// Every runtime name the generator, the analyzers and the code fixes write (<see cref="RuntimeNames"/>) exists in the
/// built runtime: renaming a runtime member fails here, before any user's generated code stops compiling.
/// </summary>
public sealed class RuntimeNamesTests
{
    private const string Global = "global::";
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    private static readonly Assembly Runtime = typeof(FuseGen.Errno).Assembly;

    public static TheoryData<string, string> Names()
    {
        var data = new TheoryData<string, string>();
        foreach (var nested in typeof(RuntimeNames).GetNestedTypes(BindingFlags.Public))
        {
            foreach (var field in nested.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                data.Add(nested.Name + "." + field.Name, (string)field.GetRawConstantValue()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Name_exists_in_the_runtime(string constant, string name)
    {
        var (typeName, member) = Split(constant, name);

        var type = Runtime.GetType(typeName);
        Assert.True(type is not null, $"RuntimeNames.{constant} = \"{name}\": the runtime has no type {typeName}");
        Assert.True(type!.IsPublic || type.IsNestedPublic, $"RuntimeNames.{constant}: {typeName} is not public, so generated code in another assembly cannot use it");
        if (member is not null)
        {
            Assert.True(type.GetMember(member, Everything).Length > 0, $"RuntimeNames.{constant} = \"{name}\": {typeName} has no member {member}");
        }
    }

    [Fact]
    public void Every_runtime_type_the_names_use_is_found()
    {
        // Guards the theory above: it would pass vacuously if Names() found nothing.
        Assert.True(Names().Count() > 40, "RuntimeNames lists fewer than 40 names");
    }

    [Fact]
    public void Api_for_generated_code_is_public_and_hidden_and_interop_is_internal()
    {
        var exported = Runtime.GetExportedTypes();
        var marshalling = exported.Where(t => t.Namespace == RuntimeNames.MarshallingNamespace).ToList();

        Assert.NotEmpty(marshalling);
        Assert.All(marshalling, t => Assert.True(
            t.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never,
            $"{t.FullName} is for generated code: mark it [EditorBrowsable(EditorBrowsableState.Never)]"));
        Assert.Empty(exported.Where(t => t.Namespace?.StartsWith("FuseGen.Interop", StringComparison.Ordinal) == true).Select(t => t.FullName));
    }

    /// <summary>The runtime type and member a constant names: the nested class's <c>Type</c>, and the member after it.</summary>
    private static (string Type, string? Member) Split(string constant, string name)
    {
        var nested = typeof(RuntimeNames).GetNestedType(constant.Split('.')[0])!;
        var field = constant.Split('.')[1];
        var owner = (string?)nested.GetField("Type")?.GetRawConstantValue();
        return field switch
        {
            "Type" => (Strip(name), null),
            "MetadataName" => (name, null),
            "Usage" => (Strip(name) + "Attribute", null),
            _ when owner is null => (Strip(name), null), // RuntimeNames.Types: names of types only
            _ when name.StartsWith(owner + ".", StringComparison.Ordinal) => (Strip(owner), name.Substring(owner.Length + 1)),
            _ => (Strip(owner), name),
        };
    }

    private static string Strip(string name) => name.StartsWith(Global, StringComparison.Ordinal) ? name.Substring(Global.Length) : name;
}
