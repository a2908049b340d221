using OpenInterpreter.Core.Tools.Editor;
using Xunit;

namespace OpenInterpreter.Core.Tests.Tools.Editor;

public sealed class FileEditorTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("oi-editor-").FullName;
    private readonly FileEditor _editor;

    public FileEditorTests() => _editor = new FileEditor(_work, maxFileBytes: 10_000, maxViewChars: 2_000);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string PathOf(string name) => Path.Combine(_work, name);

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(name))!);
        File.WriteAllText(PathOf(name), text);
    }

    [Fact]
    public void View_numbers_every_line()
    {
        Write("app.py", "a = 1\nb = 2\n");
        var view = _editor.View("app.py", null);
        Assert.Equal("app.py, lines 1–2 of 2:\n     1\ta = 1\n     2\tb = 2\n", view);
    }

    [Fact]
    public void View_range_shows_only_those_lines_and_minus_one_means_the_end()
    {
        Write("f.txt", "one\ntwo\nthree\nfour\n");
        Assert.Equal("f.txt, lines 2–3 of 4:\n     2\ttwo\n     3\tthree\n", _editor.View("f.txt", [2, 3]));
        Assert.EndsWith("     3\tthree\n     4\tfour\n", _editor.View("f.txt", [3, -1]));
        Assert.Contains("outside the file's lines 1–4", Assert.Throws<EditorRefusal>(() => _editor.View("f.txt", [9, 10])).Message);
        Assert.Contains("before its start", Assert.Throws<EditorRefusal>(() => _editor.View("f.txt", [3, 2])).Message);
    }

    [Fact]
    public void View_of_a_folder_lists_two_levels_without_hidden_files()
    {
        Write("src/app.py", "");
        Write("src/deep/er/x.py", "");
        Write(".git/config", "");
        Write("src/.hidden", "");
        var view = _editor.View(".", null);
        Assert.Contains("\nsrc/\n", view);
        Assert.Contains("\nsrc/app.py\n", view);
        Assert.Contains("\nsrc/deep/\n", view);
        Assert.DoesNotContain("er/", view);
        Assert.DoesNotContain(".git", view);
        Assert.DoesNotContain(".hidden", view);
    }

    [Fact]
    public void A_long_view_is_clipped_with_a_note()
    {
        Write("long.txt", string.Concat(Enumerable.Range(1, 500).Select(i => $"line {i}\n")));
        var view = _editor.View("long.txt", null);
        Assert.Contains("[Clipped:", view);
        Assert.Contains("view_range", view);
        Assert.True(view.Length < 2_200);
    }

    [Fact]
    public void A_missing_file_is_refused_with_a_hint_to_create_it()
    {
        Assert.Contains("does not exist. Use create", Assert.Throws<EditorRefusal>(() => _editor.View("nope.txt", null)).Message);
    }

    [Fact]
    public void Create_writes_a_new_file_and_its_folders()
    {
        _editor.Apply(_editor.PlanCreate("new/dir/hello.py", "print('hi')\n"));
        Assert.Equal("print('hi')\n", File.ReadAllText(PathOf("new/dir/hello.py")));
    }

    [Fact]
    public void Create_over_an_existing_file_is_refused()
    {
        Write("app.py", "keep me\n");
        var refusal = Assert.Throws<EditorRefusal>(() => _editor.PlanCreate("app.py", "other\n"));
        Assert.Contains("already exists; create never overwrites", refusal.Message);
        Assert.Equal("keep me\n", File.ReadAllText(PathOf("app.py")));
    }

    [Fact]
    public void Str_replace_changes_the_one_match_and_replies_with_the_lines_around_it()
    {
        Write("app.py", "a\nb\nc\nx = 1\nd\ne\nf\ng\nh\n");
        var result = _editor.Apply(_editor.PlanStrReplace("app.py", "x = 1", "x = 2\ny = 3"));
        Assert.Equal("a\nb\nc\nx = 2\ny = 3\nd\ne\nf\ng\nh\n", File.ReadAllText(PathOf("app.py")));
        Assert.Contains("     4\tx = 2\n     5\ty = 3\n", result);
        Assert.Contains("     1\ta\n", result);
        Assert.Contains("     9\tg\n", result);
        Assert.DoesNotContain("\th\n", result);
    }

    [Fact]
    public void Str_replace_with_no_match_is_refused()
    {
        Write("app.py", "x = 1\n");
        var refusal = Assert.Throws<EditorRefusal>(() => _editor.PlanStrReplace("app.py", "x = 9", "x = 2"));
        Assert.Contains("does not appear verbatim", refusal.Message);
    }

    [Fact]
    public void Str_replace_with_two_matches_says_how_many_and_where()
    {
        Write("app.py", "x = 1\ny = 0\nx = 1\n");
        var refusal = Assert.Throws<EditorRefusal>(() => _editor.PlanStrReplace("app.py", "x = 1", "x = 2"));
        Assert.Contains("appears 2 times", refusal.Message);
        Assert.Contains("lines 1, 3", refusal.Message);
        Assert.Equal("x = 1\ny = 0\nx = 1\n", File.ReadAllText(PathOf("app.py")));
    }

    [Fact]
    public void Insert_puts_text_after_the_given_line_and_zero_means_the_top()
    {
        Write("f.txt", "one\ntwo\n");
        _editor.Apply(_editor.PlanInsert("f.txt", 1, "one and a half"));
        _editor.Apply(_editor.PlanInsert("f.txt", 0, "zero"));
        Assert.Equal("zero\none\none and a half\ntwo\n", File.ReadAllText(PathOf("f.txt")));
        Assert.Contains("outside 0–4", Assert.Throws<EditorRefusal>(() => _editor.PlanInsert("f.txt", 7, "x")).Message);
    }

    [Fact]
    public void Undo_after_two_edits_goes_back_one_edit_at_a_time()
    {
        Write("f.txt", "v1\n");
        _editor.Apply(_editor.PlanStrReplace("f.txt", "v1", "v2"));
        _editor.Apply(_editor.PlanStrReplace("f.txt", "v2", "v3"));

        _editor.Apply(_editor.PlanUndo("f.txt"));
        Assert.Equal("v2\n", File.ReadAllText(PathOf("f.txt")));
        _editor.Apply(_editor.PlanUndo("f.txt"));
        Assert.Equal("v1\n", File.ReadAllText(PathOf("f.txt")));
        Assert.Contains("no edit of f.txt to undo", Assert.Throws<EditorRefusal>(() => _editor.PlanUndo("f.txt")).Message);
    }

    [Fact]
    public void Undo_of_a_create_removes_the_file()
    {
        _editor.Apply(_editor.PlanCreate("made.txt", "x\n"));
        _editor.Apply(_editor.PlanUndo("made.txt"));
        Assert.False(File.Exists(PathOf("made.txt")));
    }

    [Fact]
    public void A_binary_file_is_refused()
    {
        File.WriteAllBytes(PathOf("image.png"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]);
        Assert.Contains("binary file", Assert.Throws<EditorRefusal>(() => _editor.View("image.png", null)).Message);
        Assert.Contains("binary file", Assert.Throws<EditorRefusal>(() => _editor.PlanStrReplace("image.png", "PNG", "JPG")).Message);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused()
    {
        File.WriteAllBytes(PathOf("latin1.txt"), [0x63, 0x61, 0x66, 0xE9, 0x0A]);
        Assert.Contains("not UTF-8 text", Assert.Throws<EditorRefusal>(() => _editor.View("latin1.txt", null)).Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_with_its_size()
    {
        Write("big.txt", new string('x', 20_000));
        Assert.Contains("20,000 bytes, over the editor's limit of 10,000", Assert.Throws<EditorRefusal>(() => _editor.View("big.txt", null)).Message);
    }

    [Fact]
    public void An_edit_keeps_the_file_mode_and_leaves_no_temporary_file()
    {
        Write("run.sh", "echo one\n");
        File.SetUnixFileMode(PathOf("run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _editor.Apply(_editor.PlanStrReplace("run.sh", "one", "two"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(PathOf("run.sh")));
        Assert.Equal(["run.sh"], Directory.GetFiles(_work).Select(Path.GetFileName));
    }

    [Fact]
    public void Paths_outside_the_working_folder_are_recognised_and_shown_in_full()
    {
        var outside = _editor.Resolve("../elsewhere.txt");
        Assert.True(_editor.IsOutside(outside));
        Assert.Equal(outside, _editor.Display(outside));
        Assert.False(_editor.IsOutside(_editor.Resolve("sub/inside.txt")));
        Assert.True(_editor.IsOutside(_editor.Resolve(_work + "-sibling/x.txt")));
        Assert.Equal(Path.Combine("sub", "inside.txt"), _editor.Display(_editor.Resolve("sub/inside.txt")));
    }
}
