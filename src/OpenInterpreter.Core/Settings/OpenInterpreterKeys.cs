using System.Text.Json;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.Settings;

/// <summary>
/// The profile keys of Open Interpreter 0.4.3 beyond the basic ones in <see cref="SettingKeys"/>: loop mode, the
/// message templates, execution instructions, starting messages, speech, display switches. Each one acts; the few
/// that ask for something this program does not have are taken with one warning saying so.
/// </summary>
public static class OpenInterpreterKeys
{
    public static readonly IReadOnlyList<SettingKey> All =
    [
        new("loop", (s, v) => s with { Loop = v.AsBool("loop") }, s => s.Loop),
        // OI's name for loop mode before 0.3.
        new("force_task_completion", (s, v) => s with { Loop = v.AsBool("force_task_completion") }, null),
        new("loop_message", (s, v) => s with { LoopMessage = v.AsText("loop_message") }, s => s.LoopMessage),
        new("loop_breakers", (s, v) => s with { LoopBreakers = v.AsList("loop_breakers") }, s => s.LoopBreakers),
        // The older names of the two, beside force_task_completion (OI's local-os profile still sets them).
        new("force_task_completion_message", (s, v) => s with { LoopMessage = v.AsText("force_task_completion_message") }, null),
        new("force_task_completion_breakers", (s, v) => s with { LoopBreakers = v.AsList("force_task_completion_breakers") }, null),
        Template("user_message_template", (t, v) => t with { UserMessageTemplate = v }, t => t.UserMessageTemplate),
        new("always_apply_user_message_template", (s, v) => s with { Templates = s.Templates with { AlwaysApplyUserMessageTemplate = v.AsBool("always_apply_user_message_template") } }, s => s.Templates.AlwaysApplyUserMessageTemplate),
        Template("code_output_template", (t, v) => t with { CodeOutputTemplate = v }, t => t.CodeOutputTemplate),
        Template("empty_code_output_template", (t, v) => t with { EmptyCodeOutputTemplate = v }, t => t.EmptyCodeOutputTemplate),
        new("code_output_sender", ApplySender, s => s.Templates.CodeOutputSender),
        new("llm.execution_instructions", ApplyExecutionInstructions, s => s.ExecutionInstructions),
        new("messages", ApplyMessages, s => s.Messages is { Count: > 0 } messages ? JsonSerializer.Serialize(messages.ToList(), LmcJsonContext.Default.ListLmcMessage) : null),
        new("speak_messages", (s, v) => s with { SpeakMessages = v.AsBool("speak_messages") }, s => s.SpeakMessages),
        new("highlight_active_line", (s, v) => s with { HighlightActiveLine = v.AsBool("highlight_active_line") }, s => s.HighlightActiveLine),
        new("debug", (s, v) => s with { Debug = v.AsBool("debug") }, s => s.Debug),
        new("multi_line", (s, v) => s with { MultiLine = v.AsBool("multi_line") }, s => s.MultiLine),
        new("conversation_history", (s, v) => s with { ConversationHistory = v.AsBool("conversation_history") }, s => s.ConversationHistory),
        // Nothing is ever sent anywhere but to the model, so there is nothing to turn off.
        new("disable_telemetry", (s, v) => { v.AsBool("disable_telemetry"); return s; }, null),
        new("contribute_conversation", (s, v) => { v.AsBool("contribute_conversation"); return s; }, null)
        {
            Warning = v => v.AsBool("contribute_conversation") ? "contribute_conversation: this program shares no conversations with anyone; ignored." : null,
        },
        new("computer.import_computer_api", (s, v) => { v.AsBool("computer.import_computer_api"); return s; }, null)
        {
            Warning = v => v.AsBool("computer.import_computer_api") ? "computer.import_computer_api: OI's Python computer API does not exist here (use --os for the screen, mouse and keyboard); ignored." : null,
        },
        new("computer.import_skills", (s, v) => { v.AsBool("computer.import_skills"); return s; }, null)
        {
            Warning = v => v.AsBool("computer.import_skills") ? "computer.import_skills: OI's skills do not exist here; ignored." : null,
        },
        // OI adds it to the system message to explain its computer API; OI's local profiles set it to "" to leave that
        // out, which is what happens here anyway (there is no such API).
        new("computer.system_message", (s, v) => { v.AsText("computer.system_message"); return s; }, null)
        {
            Warning = v => string.IsNullOrWhiteSpace(v.AsText("computer.system_message")) ? null : "computer.system_message: it explains OI's Python computer API, which does not exist here; ignored (system_message and custom_instructions work).",
        },
    ];

    private static SettingKey Template(string name, Func<MessageTemplates, string, MessageTemplates> apply, Func<MessageTemplates, string?> read) =>
        new(name, (s, v) => s with { Templates = apply(s.Templates, v.AsText(name)) }, s => read(s.Templates));

    private static InterpreterSettings ApplySender(InterpreterSettings settings, SettingValue value)
    {
        var sender = value.AsText("code_output_sender").Trim().ToLowerInvariant();
        return sender is "user" or "assistant"
            ? settings with { Templates = settings.Templates with { CodeOutputSender = sender } }
            : throw new SettingsException($"{value.Location}: code_output_sender must be user or assistant, not '{sender}'.", "Fix the value or remove it.");
    }

    /// <summary>OI's profiles set <c>execution_instructions = False</c> to drop the instructions; a text replaces them.</summary>
    private static InterpreterSettings ApplyExecutionInstructions(InterpreterSettings settings, SettingValue value)
    {
        var text = value.AsText("llm.execution_instructions");
        return settings with { ExecutionInstructions = text.Trim().ToLowerInvariant() is "false" or "none" or "" ? "" : text };
    }

    /// <summary>The messages a conversation starts with, as a JSON array of LMC messages (what a Python profile sets).</summary>
    private static InterpreterSettings ApplyMessages(InterpreterSettings settings, SettingValue value)
    {
        if (value.Items is { Count: 0 })
        {
            // `messages: []` in a YAML profile.
            return settings with { Messages = [] };
        }

        var json = value.AsText("messages");
        try
        {
            var messages = JsonSerializer.Deserialize(json, LmcJsonContext.Default.ListLmcMessage) ?? [];
            return settings with { Messages = messages };
        }
        catch (JsonException e)
        {
            throw new SettingsException($"{value.Location}: messages must be a list of LMC messages ({{role, type, content}}): {e.Message.Split('\n')[0]}", "Fix the value or remove it.");
        }
    }
}
