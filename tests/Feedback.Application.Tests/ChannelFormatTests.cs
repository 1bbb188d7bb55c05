using Feedback.Application.Channels;
using Feedback.Application.Channels.Hotline;
using Feedback.Application.Channels.WeChat;
using Feedback.Application.Common;
using Feedback.Domain.Analysis;

namespace Feedback.Application.Tests;

/// <summary>Each channel's format maps onto a submission, and says which fields it lacked apart from which it had wrong.</summary>
public sealed class ChannelFormatTests
{
    [Fact]
    public void A_hotline_call_lacking_its_notes_and_with_a_bad_key_is_invalid_with_only_the_notes_missing()
    {
        var call = new HotlineCall("c1", "13800000000", null, null, null, null, "投诉", null, 7, null);

        var outcome = call.ToSubmission();

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        Assert.Equal(["agentNotes", "satisfactionKey"], outcome.Errors!.Keys.Order());
        Assert.Equal(["agentNotes"], outcome.Missing);
    }

    [Fact]
    public void The_ivr_choice_becomes_the_type_the_channel_already_knows()
    {
        var call = new HotlineCall("c1", "13800000000", "张三", null, null, null, "投訴", "客户投诉快递延误", 3, null);

        var submission = call.ToSubmission();

        Assert.Equal(OutcomeKind.Ok, submission.Kind);
        Assert.Equal((ChannelNames.Hotline, FeedbackType.Complaint), (submission.Value!.Channel, submission.Value.PreClassified));
    }

    [Theory]
    [InlineData("<xml><ToUserName>a</ToUserName>", "body", RefusalReason.Malformed, false)]
    [InlineData("<xml><ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>", "FromUserName", RefusalReason.Invalid, true)]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>video</MsgType><MsgId>1</MsgId></xml>", "MsgType", RefusalReason.Invalid, false)]
    public void A_wechat_push_it_cannot_read_names_the_field_and_its_reason(string xml, string field, RefusalReason reason, bool missing)
    {
        var (message, problem) = WeChatMessage.Parse(System.Text.Encoding.UTF8.GetBytes(xml));

        Assert.Null(message);
        Assert.Equal((field, reason, missing), (problem!.Field, problem.Reason, problem.Missing));
    }
}
