using OpenInterpreter.Core.Tools;
using Xunit;

namespace OpenInterpreter.Core.Tests.Tools;

public sealed class StreamingArgumentsReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Code_is_decoded_across_any_fragment_boundaries(int size)
    {
        const string json = "{\"language\": \"python\", \"code\": \"print(\\\"hi\\\")\\n\\tx = '\\u00e9'\"}";
        var reader = new StreamingArgumentsReader();
        var code = "";
        for (var i = 0; i < json.Length; i += size)
        {
            code += reader.Read(json.Substring(i, Math.Min(size, json.Length - i)));
        }

        Assert.Equal("python", reader.Language);
        Assert.Equal("print(\"hi\")\n\tx = 'é'", code);
    }

    [Fact]
    public void The_language_is_unknown_until_its_value_closes()
    {
        var reader = new StreamingArgumentsReader();
        reader.Read("{\"language\": \"pyt");
        Assert.Null(reader.Language);
        reader.Read("hon\",");
        Assert.Equal("python", reader.Language);
    }
}
