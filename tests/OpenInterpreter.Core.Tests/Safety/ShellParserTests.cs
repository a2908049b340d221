using OpenInterpreter.Core.Safety;
using Xunit;

namespace OpenInterpreter.Core.Tests.Safety;

public sealed class ShellParserTests
{
    private static string Commands(string code) => string.Join(" | ", ShellParser.Parse(code).Select(c => $"[{string.Join(',', c.Words)}]{(c.OutputRedirects.Count > 0 ? ">" + string.Join(',', c.OutputRedirects) : "")}"));

    [Fact]
    public void Lists_and_pipelines_are_separate_commands()
    {
        var commands = ShellParser.Parse("ls -la && rm -rf x; echo a | grep b || true\nwhoami");
        Assert.Equal(["ls", "rm", "echo", "grep", "true", "whoami"], commands.Select(c => c.Name));
        Assert.Equal(commands[2].PipelineIndex, commands[3].PipelineIndex);
        Assert.Equal(1, commands[3].Stage);
        Assert.NotEqual(commands[0].PipelineIndex, commands[1].PipelineIndex);
    }

    [Fact]
    public void Quotes_comments_and_here_documents_are_not_commands()
    {
        Assert.Equal("[echo,rm -rf /]", Commands("echo 'rm -rf /' # rm -rf ~"));
        Assert.Equal("[cat]>script.sh | [ls]", Commands("cat > script.sh <<'EOF'\nrm -rf /\nEOF\nls"));
        Assert.Equal("[echo,a b $HOME/x]", Commands("echo \"a b $HOME/x\""));
    }

    [Fact]
    public void Substitutions_are_read_as_commands_of_their_own()
    {
        Assert.Equal("[rm,-rf,~] | [echo,$(rm -rf ~)]", Commands("echo \"$(rm -rf ~)\""));
        Assert.Equal("[curl,-s,u] | [bash,<(curl -s u)]", Commands("bash <(curl -s u)"));
        Assert.Equal("[date] | [echo,`date`]>x", Commands("echo `date` > x"));
    }

    [Fact]
    public void Redirections_name_their_targets()
    {
        Assert.Equal("[echo,x]>~/.bashrc", Commands("echo x >> ~/.bashrc"));
        Assert.Equal("[make]>log", Commands("make 2>&1 >log"));
    }

    [Fact]
    public void A_functions_body_is_marked_with_its_name_and_its_call_is_a_command()
    {
        var commands = ShellParser.Parse("f() { cd ~; rm -rf *; }; function g { ls; }\nf");
        Assert.Equal(["cd", "rm", "ls", "f"], commands.Select(c => c.Name));
        Assert.Equal(["f", "f", "g", null], commands.Select(c => c.Function));
        Assert.Equal(["true", "rm", "echo"], ShellParser.Parse("h() { if true; then { rm -rf x; }; fi; echo; }").Select(c => c.Name));
        Assert.All(ShellParser.Parse("h() { if true; then { rm -rf x; }; fi; echo; }"), c => Assert.Equal("h", c.Function));
        var braces = ShellParser.Parse("g() { find . -exec rm {} \\; ; ls | xargs -I{} echo {}; cd ~; }; g");
        Assert.Equal(["find", "ls", "xargs", "cd", "g"], braces.Select(c => c.Name));
        Assert.Equal(["g", "g", "g", "g", null], braces.Select(c => c.Function));
    }

    [Fact]
    public void Inside_double_quotes_a_backslash_is_kept_but_before_what_it_escapes()
    {
        Assert.Equal("[python3,-c,print('a\\nb')]", Commands("python3 -c \"print('a\\nb')\""));
        Assert.Equal("[echo,a \"b\" $x \\]", Commands("echo \"a \\\"b\\\" \\$x \\\\\""));
    }
}
