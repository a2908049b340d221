// Asks a model one question; it may run code, after a "y" typed here. Usage: HelloInterpreter [api_base] "question"
using OpenInterpreter.Core;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Settings;

var question = args.Length > 0 ? args[^1] : "What is 2**100? Use Python.";
var settings = new InterpreterSettings
{
    Llm = new ModelSettings { Model = "gpt-4o", ApiBase = args.Length > 1 ? args[0] : null, ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") },
};

await using var interpreter = Interpreter.Create(settings, approve: (code, _) =>
{
    Console.Write($"Run this {code.Language} code? (y/n) ");
    return ValueTask.FromResult(Console.ReadLine()?.Trim() == "y");
});

await foreach (var chunk in interpreter.ChatAsync(question))
{
    var fence = chunk.Type is LmcType.Code or LmcType.Console && chunk.Format != LmcFormat.ActiveLine;
    if (chunk.Start && fence)
    {
        Console.WriteLine($"\n```{(chunk.Type == LmcType.Code ? chunk.Format : "output")}");
    }
    else if (chunk.End && fence)
    {
        Console.WriteLine("\n```");
    }
    else if (chunk.Format != LmcFormat.ActiveLine)
    {
        Console.Write(chunk.Content);
    }
}

Console.WriteLine($"\n[{interpreter.Messages.Count} messages, {interpreter.Usage.Input + interpreter.Usage.Output} tokens]");
