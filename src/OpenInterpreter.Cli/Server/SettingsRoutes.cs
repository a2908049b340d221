using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Cli.Server;

/// <summary>
/// <c>POST /settings</c> and <c>GET /settings/{name}</c>, with OI's names: profile keys (<c>auto_run</c>,
/// <c>llm.model</c> or <c>{"llm": {"model": …}}</c>, <c>custom_instructions</c>…) and <c>messages</c>, the HTTP
/// conversation's LMC messages. <c>auto_run</c> switches every open conversation at once; other settings apply to the
/// HTTP conversation (its messages kept) and to websocket connections opened afterwards. The API key is never shown.
/// </summary>
internal static class SettingsRoutes
{
    public static async Task SetAsync(HttpContext context, InterpreterServer server)
    {
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false)).RootElement.Clone();
        }
        catch (JsonException e)
        {
            await ServerResponses.ErrorAsync(context, 400, $"The body is not JSON: {e.Message}").ConfigureAwait(false);
            return;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            await ServerResponses.ErrorAsync(context, 400, "Send the settings as one JSON object, e.g. {\"auto_run\": true}.").ConfigureAwait(false);
            return;
        }

        List<LmcMessage>? messages = null;
        var entries = new List<KeyValuePair<string, SettingValue>>();
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name == "messages")
            {
                try
                {
                    messages = property.Value.Deserialize(LmcJsonContext.Default.ListLmcMessage) ?? [];
                }
                catch (JsonException e)
                {
                    await ServerResponses.ErrorAsync(context, 400, $"messages must be a list of LMC messages: {e.Message}").ConfigureAwait(false);
                    return;
                }

                continue;
            }

            if (!Flatten(property.Name, property.Value, entries))
            {
                await ServerResponses.ErrorAsync(context, 404, $"Setting {property.Name} not found").ConfigureAwait(false);
                return;
            }
        }

        try
        {
            await server.ApplySettingsAsync(new SettingsLayer("POST /settings", entries), messages).ConfigureAwait(false);
        }
        catch (InterpreterException e)
        {
            await ServerResponses.ErrorAsync(context, 400, e.OneLine).ConfigureAwait(false);
            return;
        }

        await ServerResponses.JsonAsync(context, 200, json => json.WriteString("status", "success")).ConfigureAwait(false);
    }

    public static async Task GetAsync(HttpContext context, InterpreterServer server)
    {
        var name = (string?)context.Request.RouteValues["name"] ?? "";
        if (name == "messages")
        {
            var messages = server.HttpConversation.Interpreter.Messages.ToList();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"messages\":", context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(messages, LmcJsonContext.Default.ListLmcMessage), context.RequestAborted).ConfigureAwait(false);
            await context.Response.WriteAsync("}", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var key = SettingKeys.Find(name) ?? SettingKeys.Find($"llm.{name}");
        if (key?.Read is not { } read)
        {
            await ServerResponses.ErrorAsync(context, 404, "Setting not found").ConfigureAwait(false);
            return;
        }

        object? value = key.Name switch
        {
            "auto_run" => server.HttpConversation.Interpreter.AutoRun,
            SettingKeys.ApiKey => read(server.Settings) is string secret ? SecretMask.Mask(secret) : null,
            _ => read(server.Settings),
        };
        await ServerResponses.JsonAsync(context, 200, json => ServerResponses.WriteValue(json, name, value)).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="value"/> under <paramref name="name"/> (objects one level down, OI's nesting); false for an unknown key.</summary>
    private static bool Flatten(string name, JsonElement value, List<KeyValuePair<string, SettingValue>> entries)
    {
        if (value.ValueKind == JsonValueKind.Object && SettingKeys.Sections.Contains(name))
        {
            foreach (var inner in value.EnumerateObject())
            {
                if (!Flatten($"{name}.{inner.Name}", inner.Value, entries))
                {
                    return false;
                }
            }

            return true;
        }

        if (SettingKeys.Find(name) is null)
        {
            return false;
        }

        var setting = value.ValueKind switch
        {
            JsonValueKind.Array => SettingValue.List(value.EnumerateArray().Select(Text).ToList(), $"POST /settings {name}"),
            _ => SettingValue.Of(Text(value), $"POST /settings {name}"),
        };
        entries.Add(new(name, setting));
        return true;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };
}
