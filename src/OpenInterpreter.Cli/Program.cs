using System.CommandLine.Help;
using OpenInterpreter.Cli;
using OpenInterpreter.Cli.CommandLine;
using OpenInterpreter.Core;

var options = new CliOptions();
var command = options.CreateCommand();
var parsed = command.Parse(args);
if (parsed.Action is HelpAction)
{
    return parsed.Invoke();
}

Invocation invocation;
try
{
    invocation = InvocationReader.Read(parsed, options);
}
catch (UsageException e)
{
    Console.Error.WriteLine("Usage: interpreter [options] [message...]   (interpreter --help for the options)");
    Console.Error.WriteLine($"interpreter: error: {e.OneLine}");
    return ExitCodes.Usage;
}

if (invocation.ShowVersion)
{
    Console.WriteLine($"interpreter {typeof(Invocation).Assembly.GetName().Version?.ToString(3)}");
    return ExitCodes.Done;
}

try
{
    return await Application.RunAsync(invocation).ConfigureAwait(false);
}
catch (InterpreterException e)
{
    Console.Error.WriteLine($"interpreter: {e.OneLine}");
    return e is UsageException or OpenInterpreter.Core.Models.MissingApiKeyException ? ExitCodes.Usage : ExitCodes.Failed;
}
