// Runs cells of C# for OpenInterpreter.Core's CSharpSession in one persistent Roslyn script state.
//
// Protocol (see DriverProcess.cs): requests "run<TAB>fence<TAB>cell-path" arrive on the requests FIFO (args[0]);
// "ready", "start<TAB>fence" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to the control FIFO
// (args[1]). After each cell the fence is written to stdout and stderr so the host knows it has all of the cell's
// output. Each cell continues the state the earlier ones left: variables, methods, types and usings live on, and a final expression's value is
// printed.
using System.Runtime.InteropServices;
using System.Text;
using OpenInterpreter.CSharpHost;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: oi-csharp-host REQUESTS-FIFO CONTROL-FIFO");
    return 2;
}

var session = new ScriptSession();
// A SIGINT is meant for the running cell. Roslyn checks cancellation only between statements it awaits, so a tight
// loop runs on and the host kills the process after its grace period; between cells a SIGINT changes nothing.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    session.Interrupt();
});

using var requests = new StreamReader(new FileStream(args[0], FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1));
using var control = new StreamWriter(new FileStream(args[1], FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1), new UTF8Encoding(false)) { AutoFlush = true };
using var stdout = Console.OpenStandardOutput();
using var stderr = Console.OpenStandardError();
var output = new StreamWriter(stdout, new UTF8Encoding(false)) { AutoFlush = true };
var errors = new StreamWriter(stderr, new UTF8Encoding(false)) { AutoFlush = true };
Console.SetOut(output);
Console.SetError(errors);

void Send(params string[] fields) =>
    control.Write(string.Join('\t', fields.Select(f => f.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' '))) + "\n");

Send("ready");
while (await requests.ReadLineAsync() is { } line)
{
    var parts = line.Split('\t');
    if (parts.Length != 3 || parts[0] != "run")
    {
        continue;
    }

    var outcome = await session.RunAsync(await File.ReadAllTextAsync(parts[2]), () => Send("start", parts[1]));
    Console.Out.Flush();
    Console.Error.Flush();
    var fence = Encoding.ASCII.GetBytes(parts[1]);
    stdout.Write(fence);
    stdout.Flush();
    stderr.Write(fence);
    stderr.Flush();
    Send("done", parts[1], outcome.Status, outcome.Message);
}

return 0;
