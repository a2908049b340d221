using System.Runtime.InteropServices;
using OpenInterpreter.Core.Languages;

namespace OpenInterpreter.Cli;

/// <summary>
/// SIGTERM and SIGHUP: stop the turn in progress, end every language session's process group (the code's own
/// children with it), save the conversation, put the terminal back as it was, and exit with 143 or 129.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    /// <summary>How long the turn gets to wind down (an interrupted run waits out its grace period before a kill).</summary>
    private static readonly TimeSpan TurnWindDown = TimeSpan.FromSeconds(5);

    private readonly ChatShell _shell;
    private readonly LanguageRegistry _languages;
    private readonly PosixSignalRegistration[] _registrations;
    private int _terminating;

    public TerminationSignals(ChatShell shell, LanguageRegistry languages)
    {
        _shell = shell;
        _languages = languages;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, ExitCodes.Terminated)),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => Handle(context, ExitCodes.HangUp)),
        ];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    /// <summary>
    /// Blocks for good once a signal is being handled: the turn it stopped returns to the caller, which must not exit
    /// with its own code before the handler has saved and exited with the signal's.
    /// </summary>
    public void WaitIfTerminating()
    {
        if (Volatile.Read(ref _terminating) != 0)
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }

    private void Handle(PosixSignalContext context, int exitCode)
    {
        // The runtime's default would exit at once, leaving the sessions running and the turn unsaved.
        context.Cancel = true;
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            _ = Task.Run(() => Terminate(exitCode));
        }
    }

    private void Terminate(int exitCode)
    {
        _shell.Interrupt();
        _shell.WaitUntilIdle(TurnWindDown);
        try
        {
            // Kills each session's whole process group, not only the driver.
            _languages.ResetAsync().AsTask().Wait(TurnWindDown);
        }
        catch (AggregateException)
        {
            // A session that failed to end cleanly was still sent SIGKILL; saving matters more than the reason.
        }

        _shell.Save();
        RestoreTerminal();
        Environment.Exit(exitCode);
    }

    private static void RestoreTerminal()
    {
        try
        {
            if (!Console.IsOutputRedirected)
            {
                // Colours off and the cursor shown, whatever a live display left behind; the runtime resets the
                // terminal's modes (echo, raw input) itself when the process exits.
                Console.Out.Write("\e[0m\e[?25h\n");
            }

            Console.Out.Flush();
            Console.Error.Flush();
        }
        catch (IOException)
        {
            // After SIGHUP the terminal may be gone: nothing left to restore.
        }
    }
}
