using System.Text.Json;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Cli.Json;

/// <summary>
/// <c>--json</c>: answers one message and writes every LMC chunk as one JSON line on stdout, then the
/// <see cref="JsonOutcome"/> line. Nothing else goes to stdout; notices and errors go to stderr. Code runs only under
/// <c>-y</c>: with nobody to ask, the model is told that it was not run.
/// </summary>
internal static class JsonRun
{
    public static async Task<int> RunAsync(InterpreterSettings settings, string message, InterpreterPaths paths, Core.Safety.Sandbox? sandbox)
    {
        using var stdout = Console.OpenStandardOutput();
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };

        await using var interpreter = Interpreter.Create(settings, saveConversations: true, paths: paths, log: line => Console.Error.WriteLine(line), sandbox: sandbox);
        string outcome;
        int exitCode;
        string? error = null;
        try
        {
            await foreach (var chunk in interpreter.ChatAsync(message, interrupt.Token).ConfigureAwait(false))
            {
                await WriteLineAsync(stdout, JsonSerializer.SerializeToUtf8Bytes(chunk, JsonLinesContext.Default.LmcChunk)).ConfigureAwait(false);
            }

            (outcome, exitCode) = ("done", ExitCodes.Done);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            (outcome, exitCode) = ("interrupted", ExitCodes.Interrupted);
        }
        catch (InterpreterException e)
        {
            (outcome, exitCode, error) = ("failed", ExitCodes.Failed, e.OneLine);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            (outcome, exitCode, error) = ("failed", ExitCodes.Failed, $"Unexpected error: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }

        if (error is not null)
        {
            await Console.Error.WriteLineAsync($"interpreter: {error}").ConfigureAwait(false);
        }

        var usage = interpreter.Usage;
        var line = new JsonOutcome(outcome, exitCode, error, new JsonTokens(usage.Input, usage.Output, !usage.Reported), interpreter.Cost, interpreter.ConversationFile);
        await WriteLineAsync(stdout, JsonSerializer.SerializeToUtf8Bytes(line, JsonLinesContext.Default.JsonOutcome)).ConfigureAwait(false);
        return exitCode;
    }

    private static async Task WriteLineAsync(Stream stdout, byte[] json)
    {
        await stdout.WriteAsync(json).ConfigureAwait(false);
        stdout.WriteByte((byte)'\n');
        await stdout.FlushAsync().ConfigureAwait(false);
    }
}
