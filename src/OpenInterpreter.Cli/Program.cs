using System.CommandLine.Help;
using OpenInterpreter.Cli;
using OpenInterpreter.Cli.CommandLine;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Settings;

// The Landlock launcher: this binary re-run to confine a language session before it becomes the session's driver.
if (args.Length > 0 && args[0] == OpenInterpreter.Core.Safety.Sandbox.LauncherFlag)
{
    return OpenInterpreter.Core.Safety.Sandbox.RunLauncher(args[1..], Console.Error);
}

OpenInterpreter.Cli.Terminal.StandardOutput.UseLargeBuffer();
var options = new CliOptions();
var command = options.CreateCommand();
var parsed = command.Parse(args, CliOptions.Parsing);
if (parsed.Action is HelpAction)
{
    return parsed.Invoke();
}

Invocation invocation;
var profiles = new ProfileStore(InterpreterPaths.ForCurrentUser().ProfilesDirectory);
try
{
    invocation = InvocationReader.Read(parsed, options, profiles, Environment.GetEnvironmentVariables());
}
catch (UsageException e)
{
    if (e.ShowUsage)
    {
        Console.Error.WriteLine("Usage: interpreter [options] [message...]   (interpreter --help for the options)");
    }

    Console.Error.WriteLine($"interpreter: error: {e.OneLine}");
    return ExitCodes.Usage;
}
catch (SettingsException e)
{
    Console.Error.WriteLine($"interpreter: error: {e.OneLine}");
    return ExitCodes.Usage;
}

if (invocation.ShowVersion)
{
    Console.WriteLine($"interpreter {typeof(Invocation).Assembly.GetName().Version?.ToString(3)}");
    return ExitCodes.Done;
}

foreach (var warning in invocation.Warnings)
{
    Console.Error.WriteLine($"interpreter: warning: {warning}");
}

foreach (var notice in invocation.Notices)
{
    Console.Error.WriteLine($"interpreter: {notice}");
}

try
{
    if (invocation.ShowProfiles)
    {
        return ProfileCommands.ShowFolder(profiles);
    }

    if (invocation.ShowLocalModels)
    {
        return ProfileCommands.ShowFolder(InterpreterPaths.ForCurrentUser().ModelsDirectory);
    }

    if (invocation.ResetProfile is { } reset)
    {
        return ProfileCommands.Reset(profiles, reset);
    }

    if (invocation.SaveProfile is not null)
    {
        ProfileCommands.Save(profiles, invocation);
    }
}
catch (SettingsException e)
{
    Console.Error.WriteLine($"interpreter: error: {e.OneLine}");
    return ExitCodes.Usage;
}

try
{
    return await Application.RunAsync(invocation).ConfigureAwait(false);
}
catch (InterpreterException e)
{
    // Whatever the server sent back, the key in use and the secret-named variables are not printed.
    Console.Error.WriteLine($"interpreter: {OpenInterpreter.Core.Safety.SecretRedactor.ForCurrentProcess(invocation.Settings.Llm.ApiKey).Mask(e.OneLine)}");
    return e is UsageException or OpenInterpreter.Core.Models.MissingApiKeyException or OpenInterpreter.Core.Models.UnsupportedModelException ? ExitCodes.Usage : ExitCodes.Failed;
}
