using OpenInterpreter.Core.Safety;
using Xunit;

namespace OpenInterpreter.Core.Tests.Safety;

public sealed class PermissionRulesTests
{
    private static PermissionRules Rules(string[]? allow = null, string[]? ask = null, string[]? deny = null) =>
        PermissionRules.Empty.With(RuleKind.Allow, allow ?? [], "test").With(RuleKind.Ask, ask ?? [], "test").With(RuleKind.Deny, deny ?? [], "test");

    [Fact]
    public void A_prefix_rule_matches_commands_that_start_with_it_as_whole_words()
    {
        var rules = Rules(allow: ["shell(git push:*)"]);
        Assert.Equal(RuleKind.Allow, rules.Decide("shell", "git push origin main")?.Kind);
        Assert.Equal(RuleKind.Allow, rules.Decide("bash", "git push")?.Kind ?? rules.Decide("shell", "git push")?.Kind);
        Assert.Null(rules.Decide("shell", "git pushy"));
        Assert.Null(rules.Decide("shell", "git pull"));
    }

    [Fact]
    public void Each_command_of_a_list_or_pipeline_is_matched_on_its_own()
    {
        var rules = Rules(allow: ["shell(ls:*)"]);
        Assert.Null(rules.Decide("shell", "ls && rm -rf x"));
        Assert.Null(rules.Decide("shell", "ls | sh"));
        Assert.Equal(RuleKind.Allow, rules.Decide("shell", "ls -la; ls /tmp")?.Kind);
    }

    [Fact]
    public void Deny_beats_ask_beats_allow_and_sees_through_sudo()
    {
        var rules = Rules(allow: ["shell(*)"], ask: ["shell(git push:*)"], deny: ["shell(rm:*)"]);
        Assert.Equal(RuleKind.Deny, rules.Decide("shell", "echo hi && sudo rm -rf /")?.Kind);
        Assert.Equal(RuleKind.Ask, rules.Decide("shell", "git push --force")?.Kind);
        Assert.Equal(RuleKind.Allow, rules.Decide("shell", "echo hi")?.Kind);
    }

    [Fact]
    public void Other_languages_match_the_whole_code_and_star_matches_any_language()
    {
        var rules = Rules(allow: ["python(print(*)"], deny: ["*(*shutil.rmtree*)"]);
        Assert.Equal(RuleKind.Allow, rules.Decide("python", "print('hi')")?.Kind);
        Assert.Equal(RuleKind.Deny, rules.Decide("python", "import shutil\nshutil.rmtree('x')")?.Kind);
        Assert.Null(rules.Decide("javascript", "console.log(1)"));
    }

    [Fact]
    public void Edit_and_gui_rules_decide_tool_actions()
    {
        var rules = Rules(allow: ["edit(src/**)", "gui(screenshot)"], deny: ["edit(**/.env)"]);
        Assert.Equal(RuleKind.Allow, rules.DecideAction("edit:/work/p/src/a/b.cs", "/work/p")?.Kind);
        Assert.Equal(RuleKind.Deny, rules.DecideAction("edit:/work/p/src/.env", "/work/p")?.Kind);
        Assert.Null(rules.DecideAction("edit:/work/p/README.md", "/work/p"));
        Assert.Equal(RuleKind.Allow, rules.DecideAction("gui:screenshot", "/work/p")?.Kind);
        Assert.Null(rules.DecideAction("gui:left_click", "/work/p"));
    }

    [Fact]
    public void A_session_allow_rule_covers_the_commands_of_the_code_it_was_made_for()
    {
        var rules = PermissionRules.Empty.AllowForSession("shell", "git status && npm test");
        Assert.Equal(["git status:*", "npm test:*"], rules.Rules.Select(r => r.Pattern));
        Assert.Equal(RuleKind.Allow, rules.Decide("shell", "git status -s")?.Kind);
        Assert.Null(rules.Decide("shell", "git push"));
    }

    [Fact]
    public void A_rule_that_is_not_name_and_pattern_names_its_place()
    {
        var error = Assert.Throws<OpenInterpreter.Core.Settings.SettingsException>(() => PermissionRules.Empty.With(RuleKind.Deny, ["shell(rm"], "work.yaml:3"));
        Assert.Contains("work.yaml:3", error.Message);
    }

    [Fact]
    public void Mcp_rules_name_one_tool_or_every_tool_of_a_server()
    {
        var rules = Rules(allow: ["mcp__everything"], deny: ["mcp__everything__get-env"], ask: ["mcp__files__write*"]);
        Assert.Equal(RuleKind.Allow, rules.DecideAction("mcp:everything__echo", "/work/p")?.Kind);
        Assert.Equal(RuleKind.Deny, rules.DecideAction("mcp:everything__get-env", "/work/p")?.Kind);
        Assert.Equal(RuleKind.Ask, rules.DecideAction("mcp:files__write_file", "/work/p")?.Kind);
        Assert.Null(rules.DecideAction("mcp:everything2__echo", "/work/p"));
        Assert.Null(rules.DecideAction("mcp:files__read_file", "/work/p"));
        Assert.Equal(["mcp__everything"], rules.Written(RuleKind.Allow));
    }

    [Fact]
    public void Answering_a_at_a_tool_action_adds_a_rule_in_the_tools_form()
    {
        var rules = PermissionRules.Empty.AllowActionForSession("mcp:everything__echo").AllowActionForSession("gui:left_click").AllowActionForSession("read:/etc/hosts");
        Assert.Equal(["allow mcp__everything__echo", "allow gui(left_click)"], rules.Rules.Select(r => r.ToString()));
        Assert.All(rules.Rules, r => Assert.Equal(PermissionRules.SessionSource, r.Source));
        Assert.Equal(RuleKind.Allow, rules.DecideAction("mcp:everything__echo", "/work/p")?.Kind);
        Assert.Null(rules.DecideAction("mcp:everything__get-sum", "/work/p"));
    }

    [Fact]
    public void A_malformed_mcp_rule_names_its_place()
    {
        var error = Assert.Throws<OpenInterpreter.Core.Settings.SettingsException>(() => PermissionRules.Empty.With(RuleKind.Allow, ["mcp__every thing"], "work.yaml:4"));
        Assert.Contains("work.yaml:4", error.Message);
        Assert.Contains("mcp__SERVER__TOOL", error.Message);
    }
}
