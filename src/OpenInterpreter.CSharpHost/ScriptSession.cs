using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace OpenInterpreter.CSharpHost;

/// <summary>One Roslyn script state that each cell continues, with the usual namespaces imported.</summary>
internal sealed class ScriptSession
{
    private static readonly ScriptOptions Options = ScriptOptions.Default
        .WithImports("System", "System.IO", "System.Linq", "System.Text", "System.Collections.Generic", "System.Threading.Tasks")
        .WithReferences(FrameworkReferences())
        .WithEmitDebugInformation(false);

    private ScriptState<object>? _state;
    private CancellationTokenSource? _running;

    /// <summary>Asks the running cell to stop, where Roslyn checks.</summary>
    public void Interrupt() => _running?.Cancel();

    /// <summary>Runs one cell, printing a final expression's value; returns the status word and a one-line message.</summary>
    /// <param name="code">The cell.</param>
    /// <param name="started">Called once <see cref="Interrupt"/> acts on this cell.</param>
    public async Task<(string Status, string Message)> RunAsync(string code, Action started)
    {
        using var running = new CancellationTokenSource();
        _running = running;
        started();
        try
        {
            var submission = _state is null
                ? CSharpScript.RunAsync(code, Options, cancellationToken: running.Token)
                : _state.ContinueWithAsync(code, Options, cancellationToken: running.Token);
            // An interrupt abandons a cell that awaits (a delay, a download): the state stays as the cell before
            // left it. A cell that never awaits never gets here, and the host kills the process instead.
            var interrupted = Task.Delay(Timeout.Infinite, running.Token);
            if (await Task.WhenAny(submission, interrupted) != submission)
            {
                _ = submission.ContinueWith(abandoned => abandoned.Exception, TaskScheduler.Default);
                throw new OperationCanceledException(running.Token);
            }

            _state = await submission;
            if (_state.Exception is { } thrown)
            {
                return Failed(thrown);
            }

            if (_state.ReturnValue is { } value)
            {
                Console.Out.WriteLine(value);
            }

            return ("ok", "");
        }
        catch (CompilationErrorException e)
        {
            foreach (var diagnostic in e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                Console.Error.WriteLine(diagnostic.ToString());
            }

            return ("error", e.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)?.GetMessage() ?? e.Message);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Interrupted");
            return ("interrupted", "interrupted");
        }
        catch (Exception e)
        {
            return Failed(e);
        }
        finally
        {
            _running = null;
        }
    }

    /// <summary>The whole shared framework (System.*, netstandard), as a project gets it: Console, Process, HttpClient
    /// and the rest are there without a #r.</summary>
    private static IEnumerable<MetadataReference> FrameworkReferences() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll"))
            .Select(path => MetadataReference.CreateFromFile(path));

    private static (string, string) Failed(Exception e)
    {
        Console.Error.WriteLine(e.ToString());
        return ("error", $"{e.GetType().FullName}: {e.Message}");
    }
}
