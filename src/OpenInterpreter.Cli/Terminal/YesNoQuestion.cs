namespace OpenInterpreter.Cli.Terminal;

/// <summary>Asks <c>{question} (y/n)</c> on the prompt and reads the answer; anything but yes is no.</summary>
internal static class YesNoQuestion
{
    public static async ValueTask<bool> AskAsync(string question, LineReader answers, TextWriter prompt, CancellationToken cancellationToken)
    {
        while (true)
        {
            await prompt.WriteAsync($"{question} (y/n) ").ConfigureAwait(false);
            await prompt.FlushAsync(cancellationToken).ConfigureAwait(false);
            var answer = (await answers.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim().ToLowerInvariant();
            if (answer != "")
            {
                return answer is "y" or "yes";
            }
        }
    }
}
