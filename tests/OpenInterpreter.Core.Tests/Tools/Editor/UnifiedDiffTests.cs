using OpenInterpreter.Core.Tools.Editor;
using Xunit;

namespace OpenInterpreter.Core.Tests.Tools.Editor;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void A_changed_line_shows_as_a_hunk_with_three_lines_of_context()
    {
        var diff = UnifiedDiff.Create("f.txt", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nFIVE\n6\n7\n8\n");
        Assert.Equal("--- a/f.txt\n+++ b/f.txt\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n", diff);
    }

    [Fact]
    public void A_new_file_is_all_additions_from_dev_null()
    {
        Assert.Equal("--- /dev/null\n+++ b/new.py\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Create("new.py", null, "a\nb\n"));
    }
}
