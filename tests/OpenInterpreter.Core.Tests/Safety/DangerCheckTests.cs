using OpenInterpreter.Core.Safety;
using Xunit;

namespace OpenInterpreter.Core.Tests.Safety;

public sealed class DangerCheckTests
{
    // A new check for each use: a check follows a shell session's cd from one run to the next.
    private static DangerCheck Check => new("/work/project", "/home/user");

    [Fact]
    public void A_finding_has_a_severity_and_a_one_line_reason()
    {
        var finding = Assert.Single(Check.Check("shell", "rm -rf ~"));
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("high: deletes your home folder (~) (rm -r ~)", finding.ToString());
        Assert.DoesNotContain('\n', finding.Reason);
    }

    [Theory]
    [InlineData("shell", "echo 'rm -rf /'")]
    [InlineData("shell", "# rm -rf ~")]
    [InlineData("shell", "rm -rf ./build")]
    [InlineData("python", "print('shutil.rmtree(\"/\")')")]
    [InlineData("javascript", "// fs.rmSync('/', {recursive: true})")]
    public void Strings_comments_and_deletes_in_the_working_folder_are_not_findings(string language, string code) =>
        Assert.Empty(Check.Check(language, code));

    [Fact]
    public void A_path_inside_a_home_under_tmp_is_still_in_the_home()
    {
        var check = new DangerCheck("/tmp/work", "/tmp/home");
        Assert.Equal(Severity.High, Assert.Single(check.Check("shell", "rm -rf \"$HOME/keep\"")).Severity);
        Assert.Empty(check.Check("shell", "rm -rf /tmp/scratch"));
    }

    [Fact]
    public void A_cd_earlier_in_the_code_moves_where_relative_paths_lie_and_an_unknown_one_makes_them_unknown()
    {
        Assert.Equal("high: deletes your home folder (~/*) (rm -r * in ~)", Assert.Single(Check.Check("shell", "cd ~ && rm -rf *")).ToString());
        Assert.Empty(Check.Check("shell", "cd build && rm -rf *"));
        Assert.Equal(Severity.Medium, Assert.Single(Check.Check("shell", "cd \"$(mktemp -d)\" && rm -rf *")).Severity);
        Assert.Equal(Severity.High, Check.Check("shell", "(cd /etc); cd / && rm -r -- *")[0].Severity);
    }

    [Fact]
    public void The_codes_own_assignments_are_followed_into_later_commands()
    {
        Assert.Equal("high: deletes your home folder (~) (rm -r ~)", Assert.Single(Check.Check("shell", "X=~; rm -rf $X")).ToString());
        Assert.Equal(Severity.High, Assert.Single(Check.Check("shell", "T=\"$HOME/Documents\"\nD=${T}\nrm -rf \"$D\"")).Severity);
        Assert.Empty(Check.Check("shell", "OUT=dist; rm -rf \"$OUT\""));
    }

    [Fact]
    public void A_cd_in_one_shell_run_moves_where_the_next_runs_relative_paths_lie()
    {
        var check = new DangerCheck("/work/project", "/home/user");
        Assert.Empty(check.Check("shell", "cd ~/Downloads"));
        Assert.Equal("high: deletes ~/Downloads/*, outside the working folder (rm -r * in ~/Downloads)", Assert.Single(check.Check("shell", "rm -rf *")).ToString());
        Assert.Empty(check.Check("python", "import shutil; shutil.rmtree('build')"));
        Assert.Empty(check.Check("shell", "cd /work/project/src && rm -rf gen"));
    }
}
