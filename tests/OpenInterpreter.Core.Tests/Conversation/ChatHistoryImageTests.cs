using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Conversation;

public sealed class ChatHistoryImageTests
{
    private static readonly string Png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47]);

    private static List<LmcMessage> Screenshots(int count)
    {
        var messages = new List<LmcMessage> { LmcMessage.UserText("look") };
        for (var i = 0; i < count; i++)
        {
            messages.Add(new LmcMessage(LmcRole.Assistant, LmcType.Code, """{"action": "screenshot"}""", "computer"));
            messages.Add(LmcMessage.ConsoleOutput($"Screenshot {i}."));
            messages.Add(new LmcMessage(LmcRole.Computer, LmcType.Image, Png, LmcFormat.Base64Png));
        }

        return messages;
    }

    [Fact]
    public void A_tool_call_other_than_execute_goes_back_with_its_own_name_and_arguments()
    {
        var chat = ChatHistory.Build("system", Screenshots(1));
        var call = chat.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("computer", call.Name);
        Assert.Equal("screenshot", call.Arguments!["action"]!.ToString());
        Assert.Equal("Screenshot 0.", chat.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single().Result);
    }

    [Fact]
    public void Only_the_newest_three_images_are_sent_after_their_tool_results()
    {
        var chat = ChatHistory.Build("system", Screenshots(5));

        var images = chat.Where(m => m.Contents.OfType<DataContent>().Any()).ToList();
        Assert.Equal(3, images.Count);
        Assert.All(images, m => Assert.Equal(ChatRole.User, m.Role));
        Assert.Equal("image/png", images[0].Contents.OfType<DataContent>().Single().MediaType);
        Assert.Equal(2, chat.Count(m => m.Text == ChatHistory.OlderImageNote));
        Assert.Equal(ChatRole.Tool, chat[chat.IndexOf(images[0]) - 1].Role);
    }

    [Fact]
    public void A_model_without_vision_gets_a_note_instead_of_images()
    {
        var chat = ChatHistory.Build("system", Screenshots(2), vision: false);
        Assert.DoesNotContain(chat, m => m.Contents.OfType<DataContent>().Any());
        Assert.Equal(2, chat.Count(m => m.Text == ChatHistory.NoVisionNote));
    }
}
