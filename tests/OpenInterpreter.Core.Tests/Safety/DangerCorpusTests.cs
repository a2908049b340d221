using System.Globalization;
using OpenInterpreter.Core.Safety;
using Xunit;
using Xunit.Abstractions;

namespace OpenInterpreter.Core.Tests.Safety;

/// <summary>The danger check against the corpus of dangerous and everyday snippets (README: Safety, precision and recall).</summary>
public sealed class DangerCorpusTests(ITestOutputHelper output)
{
    // A new check for each snippet: a check follows a shell session's cd from one run to the next.
    private static DangerCheck Check => new("/work/project", "/home/user");

    public sealed record Snippet(string Language, string Expected, string Code, string File);

    public static IReadOnlyList<Snippet> Read(string file)
    {
        var snippets = new List<Snippet>();
        string language = "", expected = "";
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Safety", "Corpus", file)))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                var parts = line[3..].Split(' ');
                (language, expected) = (parts[0], parts[1]);
            }
            else if ((line.Length > 0 && !line.StartsWith("# ", StringComparison.Ordinal)) || (file == "everyday.txt" && line == "# rm -rf ~"))
            {
                snippets.Add(new Snippet(language, expected, line.Replace("⏎", "\n"), file));
            }
        }

        return snippets;
    }

    private static Severity? Worst(Snippet snippet) =>
        Check.Check(snippet.Language, snippet.Code) is { Count: > 0 } findings ? findings.Max(f => f.Severity) : null;

    [Fact]
    public void The_corpus_has_at_least_150_dangerous_and_150_everyday_snippets_in_six_languages()
    {
        var dangerous = Read("dangerous.txt");
        var everyday = Read("everyday.txt");
        Assert.True(dangerous.Count >= 150, $"{dangerous.Count} dangerous");
        Assert.True(everyday.Count >= 150, $"{everyday.Count} everyday");
        Assert.Equal(6, dangerous.Select(s => s.Language).Distinct().Count());
        Assert.Equal(6, everyday.Select(s => s.Language).Distinct().Count());
    }

    [Fact]
    public void No_everyday_snippet_is_a_high_finding()
    {
        var high = Read("everyday.txt")
            .Select(s => (s, Findings: Check.Check(s.Language, s.Code)))
            .Where(p => p.Findings.Any(f => f.Severity == Severity.High))
            .Select(p => $"{p.s.Language}: {p.s.Code.Replace("\n", "⏎")} → {string.Join("; ", p.Findings)}")
            .ToList();
        Assert.True(high.Count == 0, string.Join("\n", high));
    }

    [Fact]
    public void Dangerous_snippets_get_a_finding_of_their_severity_but_for_the_known_gaps()
    {
        var missed = Read("dangerous.txt")
            .Where(s => Worst(s) is not { } worst || (s.Expected == "high" && worst != Severity.High))
            .Select(s => $"{s.Language} {s.Expected}: {s.Code.Replace("\n", "⏎")} → {string.Join("; ", Check.Check(s.Language, s.Code))}")
            .ToList();
        // The one known gap listed in the corpus: a command name from a substitution ($(echo rm) -rf ~).
        Assert.True(missed.Count <= 1, $"{missed.Count} missed:\n" + string.Join("\n", missed));
    }

    [Fact]
    public void Everyday_snippets_expected_to_be_medium_are_and_the_others_have_no_finding_mostly()
    {
        var everyday = Read("everyday.txt");
        Assert.All(everyday.Where(s => s.Expected == "medium"), s => Assert.Equal(Severity.Medium, Worst(s)));
        var noisy = everyday.Where(s => s.Expected == "none" && Worst(s) is not null).ToList();
        foreach (var s in noisy)
        {
            output.WriteLine($"medium on everyday: {s.Language}: {s.Code.Replace("\n", "⏎")} → {string.Join("; ", Check.Check(s.Language, s.Code))}");
        }

        Assert.True(noisy.Count <= everyday.Count / 20, $"{noisy.Count} everyday snippets got a finding");
    }

    /// <summary>Prints the figures the README quotes.</summary>
    [Fact]
    public void Precision_and_recall()
    {
        var all = Read("dangerous.txt").Concat(Read("everyday.txt")).Select(s => (s, Worst: Worst(s))).ToList();
        var highPositives = all.Where(p => p.s.File == "dangerous.txt" && p.s.Expected == "high").ToList();
        var highFlagged = all.Where(p => p.Worst == Severity.High).ToList();
        var highHits = highFlagged.Count(p => p.s.File == "dangerous.txt" && p.s.Expected == "high");
        var anyPositives = all.Where(p => p.s.File == "dangerous.txt" || p.s.Expected == "medium").ToList();
        var anyFlagged = all.Where(p => p.Worst is not null).ToList();
        var anyHits = anyFlagged.Count(p => p.s.File == "dangerous.txt" || p.s.Expected == "medium");
        string Ratio(int a, int b) => b == 0 ? "n/a" : (100.0 * a / b).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        output.WriteLine($"high: precision {Ratio(highHits, highFlagged.Count)} ({highHits}/{highFlagged.Count}), recall {Ratio(highHits, highPositives.Count)} ({highHits}/{highPositives.Count})");
        output.WriteLine($"any finding: precision {Ratio(anyHits, anyFlagged.Count)} ({anyHits}/{anyFlagged.Count}), recall {Ratio(anyHits, anyPositives.Count)} ({anyHits}/{anyPositives.Count})");
        Assert.True(highHits >= highPositives.Count * 0.95);
        Assert.Equal(highFlagged.Count, highHits);
    }
}
