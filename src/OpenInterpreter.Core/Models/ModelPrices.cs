using System.Globalization;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// The price table of common models, read from the data file <c>model-prices.tsv</c> built into the program. Models on
/// the user's own machine cost nothing; a model not in the table has no known price.
/// </summary>
public static class ModelPrices
{
    private static readonly Lazy<IReadOnlyList<ModelPrice>> Table = new(Read);

    public static IReadOnlyList<ModelPrice> All => Table.Value;

    /// <summary>The price of <paramref name="model"/> (a litellm-style name), or null when it is not known.</summary>
    public static ModelPrice? Find(string model)
    {
        var name = BareName(model);
        return All.Where(p => name.StartsWith(p.Model, StringComparison.OrdinalIgnoreCase))
            .MaxBy(p => p.Model.Length);
    }

    /// <summary>The model name without its provider prefix (<c>openai/gpt-4o</c> → <c>gpt-4o</c>).</summary>
    public static string BareName(string model)
    {
        var slash = model.LastIndexOf('/');
        return (slash >= 0 ? model[(slash + 1)..] : model).Trim();
    }

    private static IReadOnlyList<ModelPrice> Read()
    {
        using var stream = typeof(ModelPrices).Assembly.GetManifestResourceStream("model-prices.tsv")
            ?? throw new InvalidOperationException("The price table is missing from the build.");
        using var reader = new StreamReader(stream);
        var prices = new List<ModelPrice>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var cells = line.Split('\t');
            prices.Add(new ModelPrice(
                cells[0],
                decimal.Parse(cells[1], CultureInfo.InvariantCulture),
                decimal.Parse(cells[2], CultureInfo.InvariantCulture),
                int.Parse(cells[3], CultureInfo.InvariantCulture)));
        }

        return prices;
    }
}
