using OpenInterpreter.Core.Models;
using Xunit;

namespace OpenInterpreter.Core.Tests.Models;

public sealed class VisionModelsTests
{
    [Theory]
    [InlineData("gpt-4o", true)]
    [InlineData("openai/gpt-4o-mini", true)]
    [InlineData("claude-sonnet-4-5", true)]
    [InlineData("anthropic/claude-3-5-sonnet-20241022", true)]
    [InlineData("ollama/llava", true)]
    [InlineData("gpt-3.5-turbo", false)]
    [InlineData("ollama/llama3.1", false)]
    [InlineData("ollama/codellama", false)]
    public void Vision_is_judged_by_the_model_name(string model, bool sees) => Assert.Equal(sees, VisionModels.Recognises(model));
}
