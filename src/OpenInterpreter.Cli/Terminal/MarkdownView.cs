using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>Renders Markdown (parsed by Markdig) as Spectre.Console renderables: headings, lists, quotes, code.</summary>
internal static class MarkdownView
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().UsePipeTables().Build();

    public static IRenderable Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<IRenderable>();
        foreach (var block in document)
        {
            blocks.Add(RenderBlock(block, 0));
        }

        return new Rows(blocks);
    }

    private static IRenderable RenderBlock(Block block, int depth) => block switch
    {
        HeadingBlock heading => new Markup($"[bold underline]{Inlines(heading.Inline)}[/]\n"),
        ParagraphBlock paragraph => new Markup(Inlines(paragraph.Inline) + "\n"),
        FencedCodeBlock fenced => CodePanel.Render(Lines(fenced), fenced.Info, activeLine: null),
        CodeBlock code => CodePanel.Render(Lines(code), null, activeLine: null),
        ListBlock list => RenderList(list, depth),
        QuoteBlock quote => new Padder(new Rows(quote.Select(b => RenderBlock(b, depth))), new Padding(2, 0, 0, 0)),
        ThematicBreakBlock => new Rule { Style = Style.Parse("grey") },
        Markdig.Extensions.Tables.Table table => RenderTable(table),
        _ => new Text(""),
    };

    private static IRenderable RenderList(ListBlock list, int depth)
    {
        var rows = new List<IRenderable>();
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var bullet = list.IsOrdered ? $"{number++}." : depth % 2 == 0 ? "•" : "◦";
            var body = new Rows(item.Select(b => b is ParagraphBlock p ? new Markup(Inlines(p.Inline)) : RenderBlock(b, depth + 1)));
            var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(1)).AddColumn();
            grid.AddRow(new Markup(Markup.Escape(bullet)), body);
            rows.Add(new Padder(grid, new Padding(depth * 2, 0, 0, 0)));
        }

        if (depth == 0)
        {
            rows.Add(new Text(""));
        }

        return new Rows(rows);
    }

    private static IRenderable RenderTable(Markdig.Extensions.Tables.Table table)
    {
        var view = new Spectre.Console.Table().Border(TableBorder.Rounded);
        var rows = table.OfType<Markdig.Extensions.Tables.TableRow>().ToList();
        if (rows.Count == 0)
        {
            return new Text("");
        }

        foreach (var cell in rows[0].OfType<Markdig.Extensions.Tables.TableCell>())
        {
            view.AddColumn(new TableColumn(new Markup(CellText(cell))));
        }

        foreach (var row in rows.Skip(1))
        {
            var cells = row.OfType<Markdig.Extensions.Tables.TableCell>().Select(c => (IRenderable)new Markup(CellText(c))).ToList();
            while (cells.Count < view.Columns.Count)
            {
                cells.Add(new Text(""));
            }

            view.AddRow(cells.Take(view.Columns.Count));
        }

        return view;
    }

    private static string CellText(Markdig.Extensions.Tables.TableCell cell) =>
        string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => Inlines(p.Inline)));

    private static string Lines(LeafBlock block) => string.Join("\n", block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString()));

    /// <summary>Inline Markdown as Spectre markup, with everything from the model escaped.</summary>
    private static string Inlines(ContainerInline? container)
    {
        if (container is null)
        {
            return "";
        }

        var markup = new StringBuilder();
        foreach (var inline in container)
        {
            markup.Append(inline switch
            {
                LiteralInline literal => Markup.Escape(literal.Content.ToString()),
                CodeInline code => $"[bold cyan]{Markup.Escape(code.Content)}[/]",
                EmphasisInline { DelimiterCount: >= 2 } strong => $"[bold]{Inlines(strong)}[/]",
                EmphasisInline emphasis => emphasis.DelimiterChar == '~' ? $"[strikethrough]{Inlines(emphasis)}[/]" : $"[italic]{Inlines(emphasis)}[/]",
                LinkInline { IsImage: false } link => $"[blue underline]{Inlines(link)}[/]" + (link.Url is { } url && !Inlines(link).Contains(Markup.Escape(url), StringComparison.Ordinal) ? $" [grey]({Markup.Escape(url)})[/]" : ""),
                AutolinkInline auto => $"[blue underline]{Markup.Escape(auto.Url)}[/]",
                LineBreakInline => "\n",
                HtmlInline html => Markup.Escape(html.Tag),
                ContainerInline inner => Inlines(inner),
                _ => "",
            });
        }

        return markup.ToString();
    }
}
