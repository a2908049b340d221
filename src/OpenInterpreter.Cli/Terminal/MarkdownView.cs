using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Renders Markdown (parsed by Markdig) as Spectre.Console renderables: headings, lists, quotes, tables, code. Any
/// prefix of a Markdown text renders without error (a model's reply is shown while it streams, cut anywhere).
/// </summary>
internal static class MarkdownView
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().UsePipeTables().Build();

    /// <summary>The blocks of <paramref name="markdown"/>, each drawn on its own (as they are while a reply streams).</summary>
    public static List<IRenderable> Render(string markdown) => [.. Blocks(markdown).Select(b => b.View)];

    /// <summary>The top-level blocks of <paramref name="markdown"/>, each with the offset in the text where it starts.</summary>
    public static List<(int Start, IRenderable View)> Blocks(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<(int, IRenderable)>(document.Count);
        foreach (var block in document)
        {
            // A link reference definition shows nothing by itself.
            if (block is not Markdig.Syntax.LinkReferenceDefinitionGroup)
            {
                // From the start of the block's line, so that its indentation (an indented code block) comes along.
                var start = Math.Min(block.Span.Start, markdown.Length);
                while (start > 0 && markdown[start - 1] != '\n')
                {
                    start--;
                }

                blocks.Add((start, RenderBlock(block, 0)));
            }
        }

        return blocks;
    }

    private static IRenderable RenderBlock(Block block, int depth) => block switch
    {
        HeadingBlock { Level: 1 } heading => Spaced(new Markup($"[bold yellow underline]{Inlines(heading.Inline)}[/]"), depth),
        HeadingBlock { Level: 2 } heading => Spaced(new Markup($"[bold underline]{Inlines(heading.Inline)}[/]"), depth),
        HeadingBlock heading => Spaced(new Markup($"[bold]{Inlines(heading.Inline)}[/]"), depth),
        ParagraphBlock paragraph => Spaced(new Markup(Inlines(paragraph.Inline)), depth),
        FencedCodeBlock fenced => Spaced(CodePanel.RenderExample(Lines(fenced), fenced.Info), depth),
        CodeBlock code => Spaced(CodePanel.RenderExample(Lines(code), null), depth),
        ListBlock list => RenderList(list, depth),
        QuoteBlock quote => Spaced(new QuoteBar(new Rows(quote.Select(b => RenderBlock(b, depth + 1)))), depth),
        ThematicBreakBlock => Spaced(new Rule { Style = Style.Parse("grey") }, depth),
        Markdig.Extensions.Tables.Table table => Spaced(RenderTable(table), depth),
        _ => new Text(""),
    };

    /// <summary>A blank line after a top-level block, as between paragraphs.</summary>
    private static IRenderable Spaced(IRenderable block, int depth) => depth == 0 ? new Rows(block, new Text("")) : block;

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

        var column = 0;
        foreach (var cell in rows[0].OfType<Markdig.Extensions.Tables.TableCell>())
        {
            var align = column < table.ColumnDefinitions.Count ? table.ColumnDefinitions[column].Alignment : null;
            view.AddColumn(new TableColumn(new Markup($"[bold]{CellText(cell)}[/]"))
            {
                Alignment = align switch
                {
                    Markdig.Extensions.Tables.TableColumnAlign.Center => Justify.Center,
                    Markdig.Extensions.Tables.TableColumnAlign.Right => Justify.Right,
                    _ => Justify.Left,
                },
            });
            column++;
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

    // A fence just opened ("```pyth") has no lines yet, and then no line array either.
    private static string Lines(LeafBlock block) =>
        block.Lines.Lines is null ? "" : string.Join("\n", block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString()));

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
                HtmlEntityInline entity => Markup.Escape(entity.Transcoded.ToString()),
                ContainerInline inner => Inlines(inner),
                _ => "",
            });
        }

        return markup.ToString();
    }
}
