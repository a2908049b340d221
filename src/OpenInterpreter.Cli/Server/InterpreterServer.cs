using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenInterpreter.Cli.CommandLine;
using OpenInterpreter.Cli.Json;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Cli.Server;

/// <summary>
/// <c>interpreter --server</c>: OI's routes on Kestrel (the slim builder, no reflection, Native AOT clean).
/// <c>GET /heartbeat</c>; the websocket <c>/</c> (one conversation per connection); <c>POST /</c> (one message,
/// chunks streamed as JSON lines); <c>POST /settings</c>, <c>GET /settings/{name}</c>; <c>POST
/// /openai/chat/completions</c>. The HTTP routes share one conversation. With <c>INTERPRETER_API_KEY</c> set, every
/// route but the heartbeat wants it in <c>X-API-KEY</c> (or <c>Authorization: Bearer</c>), else 403.
/// </summary>
internal sealed class InterpreterServer(ServerAddress address, InterpreterSettings settings, InterpreterPaths paths, Core.Safety.Sandbox? sandbox) : IAsyncDisposable
{
    private readonly SemaphoreSlim _settingsGate = new(1, 1);
    private readonly HashSet<ServerConversation> _open = [];
    private ServerConversation? _http;

    /// <summary>The settings new conversations start with; <c>POST /settings</c> changes them.</summary>
    public InterpreterSettings Settings { get; private set; } = settings;

    /// <summary>The conversation the HTTP routes share, made on first use.</summary>
    public ServerConversation HttpConversation
    {
        get
        {
            lock (_open)
            {
                return _http ??= Open();
            }
        }
    }

    public static async Task<int> RunAsync(ServerAddress address, InterpreterSettings settings, InterpreterPaths paths, Core.Safety.Sandbox? sandbox)
    {
        await using var server = new InterpreterServer(address, settings, paths, sandbox);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address.Address, address.Port));
        await using var app = builder.Build();
        app.UseWebSockets();
        app.Use(server.AuthenticateAsync);
        app.MapGet("/heartbeat", context => ServerResponses.JsonAsync(context, 200, json => json.WriteString("status", "alive")));
        app.Map("/", server.RootAsync);
        app.MapPost("/settings", context => SettingsRoutes.SetAsync(context, server));
        app.MapGet("/settings/{name}", context => SettingsRoutes.GetAsync(context, server));
        app.MapPost("/openai/chat/completions", context => OpenAIChatRoute.HandleAsync(context, server.HttpConversation));

        await app.StartAsync().ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? $"http://{address.Host}:{address.Port}";
        Console.Out.WriteLine($"Open Interpreter server listening on {bound}{(address.ApiKey is null ? "" : " (X-API-KEY required)")}");
        Console.Out.Flush();
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return ExitCodes.Done;
    }

    /// <summary>403 without the key, except for the heartbeat and websockets (which may send <c>{"auth": KEY}</c> first).</summary>
    private async Task AuthenticateAsync(HttpContext context, RequestDelegate next)
    {
        if (address.ApiKey is null || context.Request.Path == "/heartbeat" || context.WebSockets.IsWebSocketRequest || address.Accepts(GivenKey(context)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await ServerResponses.JsonAsync(context, 403, json => json.WriteString("detail", "Invalid or missing API key")).ConfigureAwait(false);
    }

    private static string? GivenKey(HttpContext context)
    {
        if (context.Request.Headers["X-API-KEY"].FirstOrDefault() is { Length: > 0 } key)
        {
            return key;
        }

        var authorization = context.Request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    /// <summary>The websocket, or <c>POST /</c> with one LMC message (or <c>{"content": …}</c>) answered as JSON lines.</summary>
    private async Task RootAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            var conversation = address.SharedConversation ? HttpConversation : Open();
            try
            {
                await new WebSocketSession(socket, conversation, address.ApiKey is null || address.Accepts(GivenKey(context)), address).RunAsync(context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                // A conversation of its own ends with the connection (and its sessions with it); the shared one stays.
                if (!address.SharedConversation)
                {
                    Close(conversation);
                    await conversation.DisposeAsync().ConfigureAwait(false);
                }
            }

            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await ServerResponses.ErrorAsync(context, 405, "Use a websocket, or POST an LMC message.").ConfigureAwait(false);
            return;
        }

        string? message;
        try
        {
            var body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false)).RootElement;
            message = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null;
        }
        catch (JsonException)
        {
            message = null;
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            await ServerResponses.ErrorAsync(context, 400, "POST an LMC message: {\"role\": \"user\", \"type\": \"message\", \"content\": \"…\"}.").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        var stdout = context.Response.Body;
        async Task WriteAsync(Core.Messages.LmcChunk chunk)
        {
            // Kestrel allows no synchronous writes: the newline goes with the line.
            await stdout.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(chunk, JsonLinesContext.Default.LmcChunk), context.RequestAborted).ConfigureAwait(false);
            await stdout.WriteAsync("\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
            await stdout.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }

        try
        {
            await foreach (var chunk in HttpConversation.RespondAsync(message, context.RequestAborted).ConfigureAwait(false))
            {
                await WriteAsync(chunk).ConfigureAwait(false);
            }

            await WriteAsync(ServerChunks.Complete).ConfigureAwait(false);
        }
        catch (InterpreterException e)
        {
            await WriteAsync(ServerChunks.Error(e.OneLine)).ConfigureAwait(false);
            await WriteAsync(ServerChunks.Complete).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; its run was stopped by the same token.
        }
    }

    /// <summary>Applies posted settings: auto-run to every open conversation, the rest to the HTTP conversation and new ones.</summary>
    public async Task ApplySettingsAsync(SettingsLayer layer, List<Core.Messages.LmcMessage>? messages)
    {
        await _settingsGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var updated = SettingsLoader.Apply([layer], Settings).Settings;
            if (updated.EffectiveSandbox != Settings.EffectiveSandbox || updated.SandboxNetwork != Settings.SandboxNetwork)
            {
                // The sessions' sandbox is made once, when the server starts; taking the new value would change nothing.
                throw new InterpreterException(
                    $"The sandbox is set when the server starts (now {Settings.EffectiveSandbox}{(Settings.SandboxNetwork ? ", network allowed" : "")}); POST /settings cannot change it.",
                    "Restart the server with --sandbox (and --sandbox_network) as wanted.");
            }

            if (FrontEndSettings.TerminalOnly.FirstOrDefault(t => layer.Entries.Any(e => e.Key == t.Key) && FrontEndSettings.IsSet(t.Key, updated)) is { } terminal)
            {
                // Taken, it would be read by nothing: the server has no terminal to speak, mark lines or read ``` on.
                throw new InterpreterException(
                    $"{terminal.Sentence(terminal.ProfileName, "--server")}, so POST /settings does not take it.",
                    $"Leave {terminal.Key} out of the settings posted.");
            }

            var onlyAutoRun = layer.Entries.All(e => e.Key == "auto_run");
            Settings = updated;
            ServerConversation[] open;
            lock (_open)
            {
                open = [.. _open];
            }

            foreach (var conversation in open)
            {
                if (layer.Entries.Any(e => e.Key == "auto_run"))
                {
                    conversation.Interpreter.AutoRun = updated.AutoRun;
                }
            }

            if (!onlyAutoRun && layer.Entries.Count > 0)
            {
                // The model and the system message are fixed per conversation: the HTTP one starts again with its messages.
                var old = HttpConversation;
                var fresh = Open();
                fresh.Interpreter.Messages.AddRange(old.Interpreter.Messages);
                lock (_open)
                {
                    _http = fresh;
                }

                Close(old);
                await old.DisposeAsync().ConfigureAwait(false);
            }

            if (messages is not null)
            {
                HttpConversation.Interpreter.Messages.Clear();
                HttpConversation.Interpreter.Messages.AddRange(messages);
            }
        }
        finally
        {
            _settingsGate.Release();
        }
    }

    private ServerConversation Open()
    {
        var conversation = new ServerConversation(Settings, paths, line => Console.Error.WriteLine(line), sandbox);
        lock (_open)
        {
            _open.Add(conversation);
        }

        return conversation;
    }

    private void Close(ServerConversation conversation)
    {
        lock (_open)
        {
            _open.Remove(conversation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ServerConversation[] open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var conversation in open)
        {
            await conversation.DisposeAsync().ConfigureAwait(false);
        }

        _settingsGate.Dispose();
    }
}
