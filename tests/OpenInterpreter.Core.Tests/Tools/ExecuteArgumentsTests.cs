using OpenInterpreter.Core.Tools;
using Xunit;

namespace OpenInterpreter.Core.Tests.Tools;

public sealed class ExecuteArgumentsTests
{
    [Fact]
    public void Valid_json_is_read() =>
        Assert.Equal(new CodeRequest("python", "print(1)"), ExecuteArguments.Parse("{\"language\":\"python\",\"code\":\"print(1)\"}").Request);

    [Fact]
    public void Raw_newlines_inside_strings_are_repaired() =>
        Assert.Equal("a = 1\nprint(a)", ExecuteArguments.Parse("{\"language\": \"python\", \"code\": \"a = 1\nprint(a)\"}").Request?.Code);

    [Fact]
    public void A_functions_execute_wrapper_is_removed() =>
        Assert.Equal("ls", ExecuteArguments.Parse("functions.execute({\"language\": \"shell\", \"code\": \"ls\"})").Request?.Code);

    [Fact]
    public void Text_after_the_object_is_ignored() =>
        Assert.Equal("ls", ExecuteArguments.Parse("{\"language\": \"shell\", \"code\": \"ls\"}}\n").Request?.Code);

    [Fact]
    public void A_fenced_object_is_unwrapped() =>
        Assert.Equal("ls", ExecuteArguments.Parse("```json\n{\"language\": \"shell\", \"code\": \"ls\"}\n```").Request?.Code);

    [Fact]
    public void Unrepairable_json_says_what_was_wrong_and_how_to_call()
    {
        var result = ExecuteArguments.Parse("{\"language\": \"python\", \"code\": print(1)}");
        Assert.Null(result.Request);
        Assert.StartsWith("The arguments of the execute call were not valid JSON (", result.Error);
        Assert.Contains("{\"language\": \"python\", \"code\": \"print(1)\"}", result.Error);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var result = ExecuteArguments.Parse("{\"language\": \"python\"}");
        Assert.StartsWith("The execute call had no string \"code\".", result.Error);
    }

    [Fact]
    public void Empty_arguments_are_reported() =>
        Assert.StartsWith("The execute call had no arguments.", ExecuteArguments.Parse("  ").Error);
}
