using System.Text;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.History;

/// <summary>A conversation as a Markdown document: who said what, code and its output as fenced blocks.</summary>
public static class MarkdownExport
{
    public static string Write(IReadOnlyList<LmcMessage> messages)
    {
        var markdown = new StringBuilder();
        string? lastRole = null;
        foreach (var message in messages)
        {
            if (message.Role != lastRole && message.Role != LmcRole.Computer)
            {
                markdown.Append("## ").Append(message.Role == LmcRole.User ? "User" : "Assistant").Append("\n\n");
            }

            lastRole = message.Role == LmcRole.Computer ? lastRole : message.Role;
            switch (message.Type)
            {
                case LmcType.Code:
                    markdown.Append("```").Append(message.Format).Append('\n').Append(message.Content.TrimEnd()).Append("\n```\n\n");
                    break;
                case LmcType.Console when message.Format == LmcFormat.Output:
                    markdown.Append("```output\n").Append(message.Content.TrimEnd()).Append("\n```\n\n");
                    break;
                case LmcType.Message:
                    markdown.Append(message.Content.Trim()).Append("\n\n");
                    break;
            }
        }

        return markdown.ToString().TrimEnd() + "\n";
    }
}
