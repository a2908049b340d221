using System.Collections;
using System.CommandLine;
using OpenInterpreter.Cli.CommandLine;
using OpenInterpreter.Core.Settings;
using Xunit;

namespace OpenInterpreter.Cli.Tests.CommandLine;

/// <summary>OI's multi-letter short options mean what they mean in OI, never a bundle of one-letter ones.</summary>
public sealed class ShortOptionTests
{
    private readonly ProfileStore _profiles = new(Directory.CreateTempSubdirectory("oi-short-").FullName);

    private Invocation Read(params string[] args)
    {
        var options = new CliOptions();
        var parsed = options.CreateCommand().Parse(args, CliOptions.Parsing);
        return InvocationReader.Read(parsed, options, _profiles, new Hashtable());
    }

    [Fact]
    public void Ml_is_multi_line_not_model_l()
    {
        var invocation = Read("-ml");
        Assert.True(invocation.Settings.MultiLine);
        Assert.Equal("gpt-4o", invocation.Settings.Llm.Model);
    }

    [Fact]
    public void Lsv_is_llm_supports_vision_not_local_stdin_verbose()
    {
        var invocation = Read("-lsv");
        Assert.True(invocation.Settings.Llm.SupportsVision);
        Assert.False(invocation.Local);
        Assert.False(invocation.ReadStdin);
        Assert.False(invocation.Settings.Verbose);
    }

    [Fact]
    public void Sp_is_speak_messages_not_stdin_and_a_profile()
    {
        var invocation = Read("-sp");
        Assert.True(invocation.Settings.SpeakMessages);
        Assert.False(invocation.ReadStdin);
    }

    [Fact]
    public void Vi_is_the_vision_profile_not_verbose()
    {
        var invocation = Read("-vi");
        Assert.True(invocation.Settings.Llm.SupportsVision);
        Assert.False(invocation.Settings.Verbose);
    }

    [Fact]
    public void The_other_short_forms_of_OI_mean_what_they_mean_there()
    {
        Assert.False(Read("-nhl").Settings.HighlightActiveLine);
        Assert.True(Read("-o").Settings.Offline);
        Assert.True(Read("-debug").Settings.Debug);
        Assert.Single(Read("-dt").Notices);
        Assert.Equal(1234, Read("-x", "1234").Settings.Llm.MaxTokens);
        Assert.Equal(0.5, Read("-t", "0.5").Settings.Llm.Temperature);
        Assert.True(Read("-y").Settings.AutoRun);
        Assert.Equal("abc", Read("-ab", "http://localhost:1/v1", "-m", "abc").Settings.Llm.Model);
    }

    [Theory]
    [InlineData("-yv")]
    [InlineData("-mx")]
    [InlineData("-lsvx")]
    public void An_unknown_short_option_is_an_error_not_a_bundle(string option)
    {
        var error = Assert.Throws<UsageException>(() => Read(option));
        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void A_declared_multi_letter_alias_is_matched_whole_even_where_its_letters_are_options_too()
    {
        // --safe_mode/-safe and --max_budget/-b: -safe must not be -s -a -f -e, nor -b anything but itself.
        var options = new CliOptions();
        var command = options.CreateCommand();

        var parsed = command.Parse(["-safe", "ask", "-b", "0.5"], CliOptions.Parsing);

        Assert.Empty(parsed.Errors);
        Assert.Equal("ask", parsed.GetValue(options.SafeMode));
        Assert.Equal(0.5, parsed.GetValue(options.MaxBudget));
        Assert.False(parsed.GetValue(options.Stdin));
        Assert.False(parsed.GetValue(options.Fast));
    }
}
