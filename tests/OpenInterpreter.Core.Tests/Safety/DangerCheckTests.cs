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

    [Theory]
    [InlineData("python3 -c \"import shutil; shutil.rmtree('/home/user')\"", "high: deletes your home folder (/home/user) (shutil.rmtree(/home/user)), inside python3 -c")]
    [InlineData("python -c 'import os; os.system(\"rm -rf ~\")'", "high: deletes your home folder (~) (rm -r ~), inside python -c")]
    [InlineData("node -e \"fs.rmSync(require('os').homedir(), {recursive: true})\"", "high: deletes your home folder (~) (fs.rmSync(~)), inside node -e")]
    [InlineData("ruby -e 'FileUtils.rm_rf(Dir.home)'", "high: deletes your home folder (~) (FileUtils.rm_rf(~)), inside ruby -e")]
    [InlineData("perl -MFile::Path=rmtree -e 'rmtree($ENV{HOME})'", "high: deletes your home folder (~) (rmtree(~)), inside perl -e")]
    [InlineData("perl -e 'system(\"rm -rf ~\")'", "high: deletes your home folder (~) (rm -r ~), inside perl -e")]
    [InlineData("bash -c \"rm -rf ~\"", "high: deletes your home folder (~) (rm -r ~), inside bash -c")]
    [InlineData("sh -c 'rm -rf ~'", "high: deletes your home folder (~) (rm -r ~), inside sh -c")]
    [InlineData("eval \"rm -rf ~\"", "high: deletes your home folder (~) (rm -r ~), inside eval")]
    public void Code_handed_to_another_interpreter_is_checked_by_that_languages_rules_and_says_where_it_came_from(string code, string finding) =>
        Assert.Equal(finding, Assert.Single(Check.Check("shell", code)).ToString());

    [Theory]
    [InlineData("python3 -c \"print('rm -rf /')\"")]
    [InlineData("python3 -c \"import shutil; shutil.rmtree('build')\"")]
    [InlineData("python3 script.py -c \"shutil.rmtree('/')\"")]
    [InlineData("node -e \"console.log(require('os').homedir())\"")]
    [InlineData("perl -pi -e 's/a/b/' notes.txt")]
    [InlineData("ruby -e 'puts Dir.home'")]
    public void Harmless_code_handed_to_an_interpreter_and_a_scripts_own_arguments_are_not_findings(string code) =>
        Assert.Empty(Check.Check("shell", code));

    [Fact]
    public void The_shell_expands_home_inside_double_quotes_before_the_interpreter_reads_the_code()
    {
        var finding = Assert.Single(Check.Check("shell", "python3 -c \"import shutil; shutil.rmtree('$HOME/Documents')\""));
        Assert.Equal(Severity.High, finding.Severity);
        Assert.EndsWith(", inside python3 -c", finding.Reason);
    }

    [Fact]
    public void A_child_shells_cd_stays_in_the_child_but_evals_moves_the_caller()
    {
        Assert.Empty(Check.Check("shell", "bash -c \"cd ~\"; rm -rf *"));
        Assert.Equal("high: deletes your home folder (~/*) (rm -r * in ~)", Assert.Single(Check.Check("shell", "eval \"cd ~\"; rm -rf *")).ToString());
    }

    [Theory]
    [InlineData("python", "import os, shutil\nos.chdir(os.path.expanduser(\"~\"))\nshutil.rmtree(\".\")", "high: deletes your home folder (~) (shutil.rmtree(.) in ~)")]
    [InlineData("python", "os.chdir(Path.home())\nshutil.rmtree(\"x\")", "high: deletes ~/x, outside the working folder (shutil.rmtree(x) in ~)")]
    [InlineData("python", "os.chdir(\"/\")\nos.system(\"rm -rf *\")", "high: deletes the whole file system (/) (rm -r * in /)")]
    [InlineData("javascript", "process.chdir(os.homedir());\nfs.rmSync('.', { recursive: true })", "high: deletes your home folder (~) (fs.rmSync(.) in ~)")]
    [InlineData("ruby", "Dir.chdir(Dir.home)\nFileUtils.rm_rf(\".\")", "high: deletes your home folder (~) (FileUtils.rm_rf(.) in ~)")]
    [InlineData("ruby", "Dir.chdir\nFileUtils.rm_rf(\".\")", "high: deletes your home folder (~) (FileUtils.rm_rf(.) in ~)")]
    [InlineData("r", "setwd(\"~\")\nunlink(\".\", recursive = TRUE)", "high: deletes your home folder (~) (unlink(.) in ~)")]
    public void A_scripts_own_chdir_moves_where_its_relative_deletes_lie(string language, string code, string finding) =>
        Assert.Equal(finding, Assert.Single(Check.Check(language, code)).ToString());

    [Fact]
    public void A_relative_delete_before_the_chdir_or_after_one_into_the_working_folder_is_not_a_finding_and_after_an_unknown_one_is_medium()
    {
        Assert.Empty(Check.Check("python", "shutil.rmtree(\"x\")\nos.chdir(os.path.expanduser(\"~\"))"));
        Assert.Empty(Check.Check("python", "os.chdir(\"build\")\nshutil.rmtree(\"out\")"));
        Assert.Empty(Check.Check("javascript", "process.chdir('dist');\nfs.rmSync('.', { recursive: true })"));
        Assert.Equal(Severity.Medium, Assert.Single(Check.Check("python", "os.chdir(tempfile.mkdtemp())\nshutil.rmtree(\"x\")")).Severity);
    }

    [Fact]
    public void A_chdir_in_one_python_run_moves_where_the_next_python_runs_relative_paths_lie_and_not_the_shells()
    {
        var check = new DangerCheck("/work/project", "/home/user");
        Assert.Empty(check.Check("python", "import os\nos.chdir(os.path.expanduser('~/Downloads'))"));
        Assert.Equal(Severity.High, Assert.Single(check.Check("python", "shutil.rmtree('old')")).Severity);
        Assert.Empty(check.Check("shell", "rm -rf old"));
    }

    [Fact]
    public void A_tilde_user_path_is_that_users_home_folder()
    {
        Assert.Equal("high: deletes the home folder ~bob (rm -r ~bob)", Assert.Single(Check.Check("shell", "rm -rf ~bob")).ToString());
        Assert.Equal("high: deletes ~bob/projects, outside the working folder (rm -r ~bob/projects)", Assert.Single(Check.Check("shell", "rm -rf ~bob/projects")).ToString());
        Assert.Empty(Check.Check("shell", "ls ~bob"));
        Assert.Empty(Check.Check("shell", "rm -rf ~+/build"));
    }

    [Theory]
    [InlineData("shell", "for f in ~/*; do rm -rf \"$f\"; done", "high: deletes your home folder (~/*) (rm -r ~/*)")]
    [InlineData("shell", "for d in build dist ~; do rm -rf \"$d\"; done", "high: deletes your home folder (~) (rm -r ~)")]
    [InlineData("shell", "for f in $(find ~ -name '*.log'); do rm -f \"$f\"; done", "high: deletes your home folder (~/*) (rm ~/*)")]
    [InlineData("shell", "find ~ -type f | xargs rm -f", "high: deletes files in your home folder (~) (find ~ … | xargs rm)")]
    [InlineData("python", "for p in Path.home().rglob(\"*\"):\n    p.unlink()", "high: deletes your home folder (~/*) (p.unlink() on ~/*)")]
    [InlineData("python", "for f in glob.glob(os.path.expanduser(\"~/*\")):\n    os.remove(f)", "high: deletes your home folder (~/*) (os.remove(~/*))")]
    [InlineData("python", "for root, dirs, files in os.walk(os.path.expanduser(\"~\")):\n    for name in files:\n        os.remove(os.path.join(root, name))", "high: deletes your home folder (~/*) (os.remove(~/*))")]
    [InlineData("javascript", "fs.readdirSync(os.homedir()).forEach(f => fs.unlinkSync(path.join(os.homedir(), f)))", "high: deletes your home folder (~/*) (fs.unlinkSync(~/*))")]
    [InlineData("ruby", "Dir.glob(File.join(Dir.home, \"*\")).each { |f| FileUtils.rm_rf(f) }", "high: deletes your home folder (~/*) (FileUtils.rm_rf(~/*))")]
    public void A_loop_over_a_listing_of_the_home_folder_that_deletes_each_entry_deletes_the_home_folder(string language, string code, string finding) =>
        Assert.Equal(finding, Assert.Single(Check.Check(language, code)).ToString());

    [Theory]
    [InlineData("shell", "for f in *.log; do rm \"$f\"; done")]
    [InlineData("shell", "for f in ~/*; do echo \"$f\"; done")]
    [InlineData("shell", "find . -name '*.pyc' | xargs rm -f")]
    [InlineData("shell", "find /tmp -name 'oi-*' | xargs rm -rf")]
    [InlineData("python", "for p in Path(\"build\").rglob(\"*.pyc\"):\n    p.unlink()")]
    [InlineData("python", "for p in Path.home().glob(\"*.txt\"):\n    print(p)")]
    // os.listdir gives names, which os.remove reads in the current folder, not the listed one.
    [InlineData("python", "home = os.path.expanduser(\"~\")\nfor f in os.listdir(home):\n    os.remove(f)")]
    [InlineData("javascript", "fs.readdirSync('build').forEach(f => fs.unlinkSync(path.join('build', f)))")]
    public void A_loop_that_deletes_in_the_working_folder_or_only_reads_the_home_folder_is_not_a_finding(string language, string code) =>
        Assert.Empty(Check.Check(language, code));

    [Fact]
    public void A_functions_body_runs_where_it_is_called_and_its_cd_moves_the_caller_only_then()
    {
        Assert.Equal("high: deletes your home folder (~/*) (rm -r * in ~)", Assert.Single(Check.Check("shell", "f() { cd ~; rm -rf *; }; f")).ToString());
        Assert.Equal("high: deletes your home folder (~/*) (rm -r * in ~)", Assert.Single(Check.Check("shell", "clean() { rm -rf *; }\ncd ~\nclean")).ToString());
        Assert.Empty(Check.Check("shell", "goto() { cd ~; }; rm -rf build"));
        Assert.Equal(Severity.High, Assert.Single(Check.Check("shell", "goto() { cd ~; }; goto; rm -rf build")).Severity);
        Assert.Empty(Check.Check("shell", "clean() { cd build && rm -rf *; }; clean; rm -rf out"));
    }
}
